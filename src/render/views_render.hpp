#pragma once

#include <string>
#include <vector>

#include "domain/case.hpp"
#include "domain/urgency.hpp"
#include "domain/views.hpp"
#include "render/json.hpp"
#include "render/text.hpp"

namespace owner {

Json item_json(const Item& item, const std::vector<Case>& cases);

// The morning view as text, written to `out` a section at a time (today_text: all of it at once).
void today_text_to(TextOut& out, const TodayView& v, const std::vector<Case>& cases,
                   const Timestamp& now, const Style& style, std::size_t width);
std::string today_text(const TodayView& v, const std::vector<Case>& cases, const Timestamp& now,
                       const Style& style, std::size_t width);
Json today_json(const TodayView& v, const std::vector<Case>& cases, const Timestamp& now);

// The agenda as text, written to `out` a day at a time (agenda_text: all of it at once).
void agenda_text_to(TextOut& out, const AgendaView& v, const std::vector<Case>& cases,
                    const Timestamp& now, const Style& style, std::size_t width);
std::string agenda_text(const AgendaView& v, const std::vector<Case>& cases, const Timestamp& now,
                        const Style& style, std::size_t width);
Json agenda_json(const AgendaView& v, const std::vector<Case>& cases);

}  // namespace owner
