#include "domain/forget.hpp"

#include <algorithm>

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

Case forgotten(const Case& m, bool titles, const Timestamp& now) {
    Case c = m;
    c.title = titles ? std::string(kForgotten) : without_customer_name(m.title, m);
    c.customer = kForgotten;
    c.contact.reset();
    c.ref.reset();
    c.summary.reset();
    c.extra.clear();
    for (auto& a : c.actions) {
        a.what = kForgotten;
        a.extra.clear();
    }
    for (auto& e : c.log) {
        e.text.clear();
        e.extra.clear();
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
