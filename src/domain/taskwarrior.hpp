#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/case.hpp"
#include "domain/time.hpp"

// Taskwarrior's tasks as owner's cases: what `owner import --format taskwarrior` makes of
// `task export`. Pure: the JSON is read by store/import, the ids and the writing are the command's.
namespace owner {

// One task of `task export`, as far as owner uses it. `name` says which one in an error or a note
// ("task 3 'Call Jansen'").
struct TaskwarriorTask {
    struct Annotation {
        Timestamp entry;
        std::string description;
    };
    std::string name;
    std::string uuid;
    std::string description;
    std::string status;  // pending, waiting, completed, deleted, recurring
    std::string project;
    std::string priority;    // H, M, L or empty
    bool recurring = false;  // a recurring task's template or one of its instances
    Timestamp entry;
    std::optional<Timestamp> due;
    std::optional<Timestamp> end;
    std::vector<std::string> tags;
    std::vector<Annotation> annotations;
    std::vector<std::string> depends;  // uuids
};

// Taskwarrior's 20261125T120000Z (UTC); nullopt for anything else or a date outside the range.
std::optional<Timestamp> parse_taskwarrior_time(std::string_view text);

// The cases the tasks make, without ids, in the order their first task came, and the notes to
// say about them (a task that got a due day). One case per project (the project names the
// customer and the title), a task without a project a case of its own; each task an action (its
// due, or the working day after `now`'s, no earlier than the tasks it depends on; done when
// completed); the case's priority the highest of its open tasks' (H high, M normal, L low); tags
// and annotations (log entries) of every task; an action after the actions it depends on. Deleted
// tasks, a recurring task's template and its instances that are not pending are left out. Throws a
// one-line UsageError naming the task for a priority or status it does not know.
struct TaskwarriorCases {
    std::vector<Case> cases;
    std::vector<std::string> notes;
};
TaskwarriorCases cases_from_taskwarrior(const std::vector<TaskwarriorTask>& tasks,
                                        const Timestamp& now, const WorkCalendar& calendar);

}  // namespace owner
