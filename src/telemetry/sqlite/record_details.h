// records.details: the fields of a call record that most calls leave empty (end user, metadata,
// error message, usage_estimated, cache_hit, captured prompt and completion), stored as one
// JSON object with only the fields that are set, NULL when none is. One column instead of
// seven: the writer's time per insert grows with the row's column count (schema version 3).
#pragma once

#include <string>
#include <string_view>

#include "telemetry/call_record.h"

namespace sluice::telemetry::sqlite {

// The JSON object of the record's set detail fields; "" when none is set (stored as NULL).
std::string details_json(const CallRecord& record);

// Whether two records have the same detail fields (a batch's calls mostly do: the writer then
// stores the previous record's text again rather than building it).
bool same_details(const CallRecord& a, const CallRecord& b);

// Sets the record's detail fields from a stored object ("" or unreadable: none is set).
void read_details(std::string_view json, CallRecord& record);

// The same object computed in SQL from a version 2 row's separate columns: used by the
// migration to version 3, and by a read-only reader that meets a file no server has migrated.
std::string_view details_of_v2_row();

// The first version whose records have the details column.
inline constexpr int kDetailsSchema = 3;

}  // namespace sluice::telemetry::sqlite
