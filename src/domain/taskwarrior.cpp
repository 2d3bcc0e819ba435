#include "domain/taskwarrior.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "domain/error.hpp"

namespace owner {

namespace {

bool digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view s) {
    int n = 0;
    for (char c : s) {
        n = n * 10 + (c - '0');
    }
    return n;
}

std::optional<Priority> priority_of(const TaskwarriorTask& t) {
    if (t.priority.empty()) {
        return std::nullopt;
    }
    if (t.priority == "H") {
        return Priority::high;
    }
    if (t.priority == "M") {
        return Priority::normal;
    }
    if (t.priority == "L") {
        return Priority::low;
    }
    throw UsageError(fmt::format("{}: priority '{}': expected H, M or L", t.name, t.priority));
}

// Keeps the task or says why not: deleted, or a recurring task's template or past instance.
bool imported(const TaskwarriorTask& t) {
    static const std::set<std::string, std::less<>> kStatuses = {"pending", "waiting", "completed",
                                                                 "deleted", "recurring"};
    if (!kStatuses.contains(t.status)) {
        throw UsageError(fmt::format(
            "{}: status '{}': expected pending, waiting, completed, deleted or recurring", t.name,
            t.status));
    }
    if (t.status == "deleted" || t.status == "recurring") {
        return false;
    }
    return !t.recurring || t.status != "completed";
}

// The tasks in an order where each comes after those it depends on (within the same list), and
// otherwise as they came: a depth-first walk, dependencies first, without recursion (an export
// may hold a chain of thousands). A cycle (Taskwarrior refuses them; a hand-edited export may
// not) is cut where the walk meets it again.
std::vector<const TaskwarriorTask*>
in_dependency_order(const std::vector<const TaskwarriorTask*>& tasks) {
    std::map<std::string_view, std::size_t> index;
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        index.emplace(tasks[i]->uuid, i);
    }
    std::vector<const TaskwarriorTask*> ordered;
    std::vector<bool> seen(tasks.size(), false);
    // (task, how many of its depends were looked at)
    std::vector<std::pair<std::size_t, std::size_t>> stack;
    for (std::size_t root = 0; root < tasks.size(); ++root) {
        if (seen[root]) {
            continue;
        }
        seen[root] = true;
        stack.emplace_back(root, 0);
        while (!stack.empty()) {
            auto& [i, next] = stack.back();
            const auto& depends = tasks[i]->depends;
            if (next == depends.size()) {
                ordered.push_back(tasks[i]);
                stack.pop_back();
                continue;
            }
            const auto it = index.find(depends[next++]);
            if (it != index.end() && !seen[it->second]) {
                seen[it->second] = true;
                stack.emplace_back(it->second, 0);
            }
        }
    }
    return ordered;
}

}  // namespace

std::optional<Timestamp> parse_taskwarrior_time(std::string_view s) {
    if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z' || !digits(s.substr(0, 8)) ||
        !digits(s.substr(9, 6))) {
        return std::nullopt;
    }
    const Date d{number(s.substr(0, 4)), number(s.substr(4, 2)), number(s.substr(6, 2))};
    const int h = number(s.substr(9, 2)), m = number(s.substr(11, 2)),
              sec = number(s.substr(13, 2));
    if (!d.valid() || !in_supported_range(d) || h > 23 || m > 59 || sec > 59) {
        return std::nullopt;
    }
    return local_timestamp(d.serial() * 86400 + h * 3600 + m * 60 + sec);
}

TaskwarriorCases cases_from_taskwarrior(const std::vector<TaskwarriorTask>& tasks,
                                        const Timestamp& now, const WorkCalendar& calendar) {
    // The projects in the order of their first task; a task without one is a group of its own.
    std::vector<std::vector<const TaskwarriorTask*>> groups;
    std::map<std::string, std::size_t> by_project;
    for (const auto& t : tasks) {
        priority_of(t);  // checked for every task, also those left out
        if (!imported(t)) {
            continue;
        }
        if (t.project.empty()) {
            groups.push_back({&t});
            continue;
        }
        auto [it, fresh] = by_project.emplace(t.project, groups.size());
        if (fresh) {
            groups.emplace_back();
        }
        groups[it->second].push_back(&t);
    }
    const Timestamp next_day =
        calendar.end_of_day(calendar.next_working_day(to_local(now.seconds).date.plus_days(1)));
    TaskwarriorCases result;
    for (const auto& group : groups) {
        Case c;
        const TaskwarriorTask& first = *group.front();
        c.customer = first.project.empty() ? first.description : first.project;
        c.title = first.project.empty() ? first.description : first.project;
        c.opened = first.entry;
        std::optional<Priority> highest;
        std::map<std::string, Timestamp> due_of;  // by uuid, for the tasks that depend on it
        for (const auto* t : in_dependency_order(group)) {
            c.opened = std::min(c.opened, t->entry);
            Action a;
            a.what = t->description;
            if (t->due) {
                a.due = *t->due;
            } else {
                // The next working day, or with the last of the tasks it waits for.
                a.due = next_day;
                for (const auto& d : t->depends) {
                    if (auto it = due_of.find(d); it != due_of.end()) {
                        a.due = std::max(a.due, it->second);
                    }
                }
                if (t->status != "completed") {
                    result.notes.push_back(fmt::format("{} has no due date: due {} in case '{}'",
                                                       t->name, human_time(a.due), c.title));
                }
            }
            due_of.emplace(t->uuid, a.due);
            if (t->status == "completed") {
                a.done = t->end.value_or(t->entry);
            } else if (auto p = priority_of(*t); p && (!highest || *p < *highest)) {
                highest = p;
            }
            for (const auto& tag : t->tags) {
                if (std::find(c.tags.begin(), c.tags.end(), tag) == c.tags.end()) {
                    c.tags.push_back(tag);
                }
            }
            for (const auto& note : t->annotations) {
                c.log.push_back(LogEntry{note.entry,
                                         "note",
                                         fmt::format("{}: {}", t->description, note.description),
                                         std::nullopt,
                                         {}});
            }
            c.actions.push_back(std::move(a));
        }
        c.priority = highest.value_or(Priority::normal);
        c.log.insert(c.log.begin(),
                     LogEntry{c.opened,
                              "opened",
                              fmt::format("imported from Taskwarrior ({} task{})", group.size(),
                                          group.size() == 1 ? "" : "s"),
                              std::nullopt,
                              {}});
        std::stable_sort(c.log.begin(), c.log.end(),
                         [](const LogEntry& a, const LogEntry& b) { return a.at < b.at; });
        result.cases.push_back(std::move(c));
    }
    return result;
}

}  // namespace owner
