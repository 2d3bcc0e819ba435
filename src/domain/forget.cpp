#include "domain/forget.hpp"

#include <algorithm>
#include <type_traits>

#include "domain/case_fields.hpp"
#include "domain/status.hpp"

namespace owner {

ForgetPlan plan_forget(const std::vector<Case>& closed, const std::vector<Case>& open,
                       std::string_view customer) {
    ForgetPlan plan;
    for (const Case& c : closed) {
        if (c.customer == customer) {
            plan.closed.push_back(&c);
        }
    }
    plan.open_left = static_cast<std::size_t>(std::count_if(
        open.begin(), open.end(), [&](const Case& c) { return c.customer == customer; }));
    return plan;
}

namespace {

// Every personal field of a record (kPersonal in domain/case_fields.hpp) emptied: a required
// text becomes "(forgotten)", the rest goes.
template <typename Fields, typename Record> void forget_fields(const Fields& fields, Record& r) {
    for_each_field(fields, [&](const auto& f) {
        if (!f.has(kPersonal)) {
            return;
        }
        auto& v = f.of(r);
        using T = std::remove_cvref_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>) {
            v = f.has(kEmptyIsAbsent) ? std::string() : std::string(kForgotten);
        } else {
            v = T{};
        }
    });
    r.extra.clear();
}

}  // namespace

Case forgotten(const Case& m, bool titles, const Timestamp& now) {
    Case c = m;
    forget_fields(kCaseFields, c);
    c.title = titles ? std::string(kForgotten) : without_customer_name(m.title, m);
    for (auto& a : c.actions) {
        forget_fields(kActionFields, a);
    }
    for (auto& e : c.log) {
        forget_fields(kLogFields, e);
    }
    c.add_log(now, "forgotten", "personal data removed on request");
    return c;
}

bool reminder_key_of(std::string_view key, const std::vector<std::string>& ids) {
    return std::any_of(ids.begin(), ids.end(), [&](const std::string& id) {
        const std::string field = "|" + id + "|";
        return key.find(field) != std::string_view::npos;
    });
}

}  // namespace owner
