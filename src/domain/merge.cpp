#include "domain/merge.hpp"

#include <algorithm>
#include <concepts>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "domain/case_fields.hpp"

namespace owner {

namespace {

std::string show(const std::optional<std::string>& v) {
    return v ? *v : "(none)";
}
std::string show(const std::string& v) {
    return v;
}
std::string show(const std::optional<Timestamp>& v) {
    return v ? v->rfc3339() : "(none)";
}
std::string show(const Timestamp& v) {
    return v.rfc3339();
}
std::string show(const Priority& v) {
    return std::string(to_string(v));
}
std::string show(int v) {
    return fmt::format("{}", v);
}
std::string show(const std::optional<Date>& v) {
    return v ? v->iso() : "(none)";
}
std::string show(const std::vector<std::string>& v) {
    return fmt::format("[{}]", fmt::join(v, ", "));
}
std::string show(const std::vector<Timestamp>& v) {
    std::vector<std::string> s;
    for (const auto& t : v) {
        s.push_back(t.rfc3339());
    }
    return fmt::format("[{}]", fmt::join(s, ", "));
}

// A hand-added TOML value as text, for comparing and for a conflict message.
std::string show(const toml::node* n) {
    if (n == nullptr) {
        return "(none)";
    }
    std::ostringstream out;
    n->visit([&](const auto& v) { out << v; });
    return out.str();
}

bool same(const toml::node* a, const toml::node* b) {
    return (a == nullptr) == (b == nullptr) &&
           (a == nullptr || (a->type() == b->type() && show(a) == show(b)));
}

bool same(const std::optional<Timestamp>& a, const std::optional<Timestamp>& b) {
    return a.has_value() == b.has_value() && (!a || (a->seconds == b->seconds));
}
bool same(const Timestamp& a, const Timestamp& b) {
    return a.seconds == b.seconds;
}
bool same(const std::vector<Timestamp>& a, const std::vector<Timestamp>& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](auto& x, auto& y) {
               return x.seconds == y.seconds;
           });
}
template <typename T> bool same(const T& a, const T& b) {
    return a == b;
}

// A list of strings (tags, addresses): what either side added, less what either side removed.
template <typename T> constexpr bool is_list = false;
template <typename T> constexpr bool is_list<std::vector<T>> = true;

// A list merged item by item: an item added on either side is in, one removed on either side is
// out. Moments (an action's checks) stay in time order.
template <typename T>
std::vector<T> merge_set(const std::vector<T>* base, const std::vector<T>& ours,
                         const std::vector<T>& theirs) {
    std::vector<T> out;
    auto in = [](const std::vector<T>& v, const T& t) {
        return std::find(v.begin(), v.end(), t) != v.end();
    };
    for (const auto* side : {&ours, &theirs}) {
        for (const auto& t : *side) {
            const bool removed_elsewhere = base && in(*base, t) && (!in(ours, t) || !in(theirs, t));
            if (!removed_elsewhere && !in(out, t)) {
                out.push_back(t);
            }
        }
    }
    if constexpr (std::is_same_v<T, Timestamp>) {
        std::stable_sort(out.begin(), out.end());
    }
    return out;
}

class Merger {
  public:
    Merger(Prefer prefer) : m_prefer(prefer) {}

    // Three-way merge of one value: a change on one side wins; the same change on both is fine;
    // different changes conflict.
    template <typename T>
    T pick(const std::string& field, const T* base, const T& ours, const T& theirs) {
        if (same(ours, theirs)) {
            return ours;
        }
        if (base && same(*base, ours)) {
            return theirs;
        }
        if (base && same(*base, theirs)) {
            return ours;
        }
        m_conflicts.push_back(FieldConflict{field, show(ours), show(theirs)});
        return m_prefer == Prefer::theirs ? theirs : ours;
    }

    // Every field of a table (domain/case_fields.hpp) into `out`, which holds ours, by its rule;
    // `prefix` names the record in a conflict ("actions[Credit note].").
    template <typename Fields, typename Record>
    void merge_fields(const Fields& fields, const std::string& prefix, const Record* base,
                      const Record& ours, const Record& theirs, Record& out) {
        for_each_field(fields, [&](const auto& f) {
            auto& into = f.of(out);
            const auto* b = base ? &f.of(*base) : nullptr;
            const auto& o = f.of(ours);
            const auto& t = f.of(theirs);
            using T = std::remove_cvref_t<decltype(o)>;
            switch (f.merge) {
            case MergeRule::keep:
                break;
            case MergeRule::pick:
                into = pick(prefix + std::string(f.name), b, o, t);
                break;
            case MergeRule::later:
                if constexpr (std::totally_ordered<T>) {
                    into = std::max(o, t);
                }
                break;
            case MergeRule::either:
                if constexpr (requires { o.has_value(); }) {
                    into = o ? o : t;
                }
                break;
            case MergeRule::set:
                if constexpr (is_list<T>) {
                    into = merge_set(b, o, t);
                }
                break;
            }
        });
    }

    // Keys added by hand: three-way key by key; tables on both sides merge inside.
    void merge_table(const std::string& prefix, const toml::table* base, const toml::table& ours,
                     const toml::table& theirs, toml::table& out) {
        std::set<std::string> keys;
        for (const auto* t : {base, &ours, &theirs}) {
            if (t != nullptr) {
                for (const auto& [k, v] : *t) {
                    keys.insert(std::string(k.str()));
                }
            }
        }
        out = toml::table{};
        for (const auto& k : keys) {
            const toml::node* b = base ? base->get(k) : nullptr;
            const toml::node* o = ours.get(k);
            const toml::node* t = theirs.get(k);
            const std::string field = prefix.empty() ? k : prefix + "." + k;
            if (o && t && o->is_table() && t->is_table() && (!b || b->is_table())) {
                toml::table merged;
                merge_table(field, b ? b->as_table() : nullptr, *o->as_table(), *t->as_table(),
                            merged);
                out.insert(k, std::move(merged));
                continue;
            }
            const toml::node* chosen = o;
            if (same(o, t)) {
                chosen = o;
            } else if (base && same(b, o)) {
                chosen = t;
            } else if (base && same(b, t)) {
                chosen = o;
            } else if (!base && (o == nullptr || t == nullptr)) {
                chosen = o ? o : t;  // added on one side only
            } else {
                m_conflicts.push_back(FieldConflict{field, show(o), show(t)});
                chosen = m_prefer == Prefer::theirs ? t : o;
            }
            if (chosen != nullptr) {
                chosen->visit([&](const auto& v) { out.insert(k, v); });
            }
        }
    }

    std::vector<FieldConflict> m_conflicts;

  private:
    Prefer m_prefer;
};

// Log entries are facts: keep every one from either side, in time order; keys added by hand to
// an entry both sides have are merged like any other.
std::vector<LogEntry> merge_logs(Merger& m, const std::vector<LogEntry>* base,
                                 const std::vector<LogEntry>& ours,
                                 const std::vector<LogEntry>& theirs) {
    auto key = [](const LogEntry& e) {
        std::string k;
        for_each_field(kLogFields, [&](const auto& f) {
            if constexpr (std::is_same_v<typename std::remove_cvref_t<decltype(f)>::Type,
                                         Timestamp>) {
                k += fmt::format("{}", f.of(e).seconds);  // one instant, whatever its offset
            } else {
                k += show(f.of(e));
            }
            k += '\x1f';
        });
        return k;
    };
    std::vector<LogEntry> out = ours;
    std::map<std::string, std::size_t> seen;
    std::map<std::string, const LogEntry*> in_base;
    for (std::size_t i = 0; i < ours.size(); ++i) {
        seen.emplace(key(ours[i]), i);
    }
    if (base) {
        for (const auto& e : *base) {
            in_base.emplace(key(e), &e);
        }
    }
    for (const auto& e : theirs) {
        const std::string k = key(e);
        auto it = seen.find(k);
        if (it == seen.end()) {
            seen.emplace(k, out.size());
            out.push_back(e);
        } else if (!out[it->second].extra.empty() || !e.extra.empty()) {
            auto b = in_base.find(k);
            toml::table merged;
            m.merge_table(fmt::format("log[{}]", e.at.rfc3339()),
                          b == in_base.end() ? nullptr : &b->second->extra.table(),
                          out[it->second].extra.table(), e.extra.table(), merged);
            out[it->second].extra = std::move(merged);
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const LogEntry& a, const LogEntry& b) { return a.at < b.at; });
    return out;
}

}  // namespace

MergeResult merge_cases(const std::optional<Case>& base, const Case& ours, const Case& theirs,
                        Prefer prefer, const Timestamp& now) {
    Merger m(prefer);
    const Case* b = base ? &*base : nullptr;
    MergeResult r;
    Case& c = r.merged;
    c = ours;
    if (!b && different_cases(ours, theirs)) {
        // Both sides created a case under the same id: two different cases, not one.
        r.conflicts.push_back(FieldConflict{"id", fmt::format("{} ({})", ours.title, ours.customer),
                                            fmt::format("{} ({})", theirs.title, theirs.customer)});
        return r;
    }
    // Each field by its rule in kCaseFields: review dates and updates to the customer only move
    // forward (the later one is the truth), tags are merged one by one.
    m.merge_fields(kCaseFields, "", b, ours, theirs, c);
    c.schema = std::max(ours.schema, theirs.schema);  // a team's case stays one (schema 2)

    // Actions, matched by what they say.
    std::map<std::string, const Action*> base_actions, their_actions;
    if (b) {
        for (const auto& a : b->actions) {
            base_actions[a.what] = &a;
        }
    }
    for (const auto& a : theirs.actions) {
        their_actions[a.what] = &a;
    }
    std::vector<Action> actions;
    std::set<std::string> handled;
    for (const Action& o : ours.actions) {
        handled.insert(o.what);
        const Action* ba = base_actions.contains(o.what) ? base_actions[o.what] : nullptr;
        auto t = their_actions.find(o.what);
        if (t == their_actions.end()) {
            if (ba && same_fields(kActionFields, *ba, o)) {
                continue;  // they removed it and we did not touch it
            }
            actions.push_back(o);
            continue;
        }
        const Action& th = *t->second;
        Action a = o;
        const std::string p = fmt::format("actions[{}].", o.what);
        m.merge_fields(kActionFields, p, ba, o, th, a);  // done on either side is done
        if ((o.done && !o.cancelled && th.cancelled && !th.done) ||
            (th.done && !th.cancelled && o.cancelled && !o.done)) {
            a.cancelled.reset();  // done on one side, cancelled on the other: the work was done
        }
        toml::table merged;
        m.merge_table(p.substr(0, p.size() - 1), ba ? &ba->extra.table() : nullptr, o.extra.table(),
                      th.extra.table(), merged);
        a.extra = std::move(merged);
        actions.push_back(a);
    }
    for (const Action& th : theirs.actions) {
        if (handled.contains(th.what)) {
            continue;
        }
        const Action* ba = base_actions.contains(th.what) ? base_actions[th.what] : nullptr;
        if (ba && same_fields(kActionFields, *ba, th)) {
            continue;  // we removed it and they did not touch it
        }
        actions.push_back(th);
    }
    c.actions = std::move(actions);
    toml::table merged;
    m.merge_table("", b ? &b->extra.table() : nullptr, ours.extra.table(), theirs.extra.table(),
                  merged);
    c.extra = std::move(merged);
    c.log = merge_logs(m, b ? &b->log : nullptr, ours.log, theirs.log);
    r.conflicts = std::move(m.m_conflicts);
    if (prefer != Prefer::none && !r.conflicts.empty()) {
        std::vector<std::string> fields;
        for (const auto& f : r.conflicts) {
            fields.push_back(f.field);
        }
        c.add_log(now, "merged",
                  fmt::format("sync kept {} {}", prefer == Prefer::ours ? "our" : "their",
                              fmt::join(fields, ", ")));
        r.conflicts.clear();
    }
    return r;
}

bool different_cases(const Case& a, const Case& b) {
    return !same(a.opened, b.opened) || a.customer != b.customer;
}

std::vector<std::string> changed_fields(const Case& before, const Case& after) {
    std::vector<std::string> out;
    auto differ = [&](std::string_view name, bool changed) {
        if (changed) {
            out.emplace_back(name);
        }
    };
    for_each_field(kCaseFields,
                   [&](const auto& f) { differ(f.name, !same(f.of(before), f.of(after))); });
    std::set<std::string> keys;
    for (const auto* t : {&before.extra, &after.extra}) {
        for (const auto& [k, v] : *t) {
            keys.insert(std::string(k.str()));
        }
    }
    for (const auto& k : keys) {
        if (!same(before.extra.get(k), after.extra.get(k))) {
            out.push_back(k);
        }
    }
    // The hand-added keys compared as TOML nodes, by value (as tables they would be compared by
    // address, and every action with a key of its own would look changed).
    auto same_keys = [](const Extra& a, const Extra& b) {
        return same(static_cast<const toml::node*>(&a.table()),
                    static_cast<const toml::node*>(&b.table()));
    };
    auto same_action = [&](const Action& a, const Action& b) {
        return same_fields(kActionFields, a, b) && same_keys(a.extra, b.extra);
    };
    auto same_entry = [&](const LogEntry& a, const LogEntry& b) {
        return same_fields(kLogFields, a, b) && same_keys(a.extra, b.extra);
    };
    auto lists_differ = [](const auto& x, const auto& y, auto equal) {
        return x.size() != y.size() || !std::equal(x.begin(), x.end(), y.begin(), equal);
    };
    differ("actions", lists_differ(before.actions, after.actions, same_action));
    differ("log", lists_differ(before.log, after.log, same_entry));
    return out;
}

}  // namespace owner
