#include "store/import.hpp"

#include <fmt/format.h>

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "render/case_view.hpp"
#include "render/json.hpp"
#include "store/codec.hpp"

namespace owner {

std::vector<ImportEntry> parse_import(std::string_view bytes, const std::string& what) {
    const Json doc = parse_json(bytes, what);
    const Json* schema = doc.find("schema");
    const Json* list = doc.find("cases");
    if (!schema || schema->number() != kJsonSchema || !list || !list->array_items()) {
        throw Error(fmt::format(
            "{}: not an owner export (expected {{\"schema\": 1, \"cases\": [...]}})", what));
    }
    std::vector<ImportEntry> entries;
    for (std::size_t i = 0; i < list->array_items()->size(); ++i) {
        const Json& entry = (*list->array_items())[i];
        const Json* toml = entry.find("toml");
        if (!toml || !toml->string()) {
            throw Error(fmt::format("{}: cases[{}]: expected a \"toml\" string", what, i));
        }
        Case c = parse_case(*toml->string(), fmt::format("{}: cases[{}]", what, i));
        if (auto problem = case_text_problem(c)) {
            throw UsageError(fmt::format(
                "{}: cases[{}] ({}): {}; text must be valid UTF-8 without control characters", what,
                i, c.id, *problem));
        }
        entries.push_back(ImportEntry{std::move(c), *toml->string()});
    }
    return entries;
}

namespace {

// A field of a task that must be a string when present.
std::string string_field(const Json& task, std::string_view key, const std::string& name,
                         bool required = false) {
    const Json* v = task.find(key);
    if (!v) {
        if (required) {
            throw Error(fmt::format("{}: no \"{}\"", name, key));
        }
        return {};
    }
    if (!v->string()) {
        throw Error(fmt::format("{}: \"{}\": expected a string", name, key));
    }
    if (auto problem = text_problem(*v->string(), false)) {
        throw UsageError(fmt::format("{}: \"{}\": {}; text must be valid UTF-8 without control "
                                     "characters",
                                     name, key, *problem));
    }
    return *v->string();
}

std::optional<Timestamp> time_field(const Json& task, std::string_view key, const std::string& name,
                                    bool required = false) {
    const std::string text = string_field(task, key, name, required);
    if (text.empty() && !required) {
        return std::nullopt;
    }
    auto t = parse_taskwarrior_time(text);
    if (!t) {
        throw Error(fmt::format("{}: \"{}\" '{}': expected a Taskwarrior time like "
                                "20261125T120000Z, {}",
                                name, key, text, kDateRangeText));
    }
    return t;
}

std::vector<std::string> strings_field(const Json& task, std::string_view key,
                                       const std::string& name) {
    std::vector<std::string> out;
    const Json* v = task.find(key);
    if (!v) {
        return out;
    }
    if (v->string()) {  // Taskwarrior 2.5 wrote depends as one comma-separated string
        std::string_view rest = *v->string();
        while (!rest.empty()) {
            const auto comma = rest.find(',');
            out.emplace_back(rest.substr(0, comma));
            rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
        }
        return out;
    }
    if (!v->array_items()) {
        throw Error(fmt::format("{}: \"{}\": expected a list of strings", name, key));
    }
    for (const Json& item : *v->array_items()) {
        if (!item.string()) {
            throw Error(fmt::format("{}: \"{}\": expected a list of strings", name, key));
        }
        if (auto problem = text_problem(*item.string(), false)) {
            throw UsageError(fmt::format("{}: \"{}\": {}", name, key, *problem));
        }
        out.push_back(*item.string());
    }
    return out;
}

}  // namespace

std::vector<TaskwarriorTask> parse_taskwarrior(std::string_view bytes, const std::string& what) {
    const Json doc = parse_json(bytes, what);
    if (!doc.array_items()) {
        throw Error(fmt::format("{}: not a Taskwarrior export (expected the list of tasks that "
                                "`task export` writes)",
                                what));
    }
    std::vector<TaskwarriorTask> tasks;
    const auto& list = *doc.array_items();
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Json& j = list[i];
        if (!j.object_items()) {
            throw Error(fmt::format("{}: task {}: expected an object", what, i + 1));
        }
        TaskwarriorTask t;
        t.name = fmt::format("{}: task {}", what, i + 1);
        t.description = string_field(j, "description", t.name, true);
        if (t.description.empty()) {
            throw Error(fmt::format("{}: empty \"description\"", t.name));
        }
        t.name += fmt::format(" '{}'", cut_to_chars(t.description, 40));
        t.uuid = string_field(j, "uuid", t.name, true);
        t.status = string_field(j, "status", t.name, true);
        t.project = string_field(j, "project", t.name);
        t.priority = string_field(j, "priority", t.name);
        t.recurring = j.find("recur") || j.find("parent");
        t.entry = *time_field(j, "entry", t.name, true);
        t.due = time_field(j, "due", t.name);
        t.end = time_field(j, "end", t.name);
        t.tags = strings_field(j, "tags", t.name);
        t.depends = strings_field(j, "depends", t.name);
        if (const Json* notes = j.find("annotations")) {
            if (!notes->array_items()) {
                throw Error(fmt::format("{}: \"annotations\": expected a list", t.name));
            }
            for (const Json& note : *notes->array_items()) {
                const std::string where = t.name + ": annotation";
                t.annotations.push_back({*time_field(note, "entry", where, true),
                                         string_field(note, "description", where, true)});
            }
        }
        tasks.push_back(std::move(t));
    }
    return tasks;
}

}  // namespace owner
