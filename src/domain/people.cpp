#include "domain/people.hpp"

#include "domain/lookup.hpp"

namespace owner {

const Person* Roster::find(std::string_view name) const {
    const std::string folded = fold_text(name);
    if (folded.empty()) {
        return nullptr;
    }
    for (const Person& p : m_people) {
        if (fold_text(p.name) == folded) {
            return &p;
        }
        for (const std::string& alias : p.aliases) {
            if (fold_text(alias) == folded) {
                return &p;
            }
        }
    }
    return nullptr;
}

std::string Roster::canonical(std::string_view name) const {
    const Person* p = find(name);
    return p ? p->name : std::string(name);
}

bool Roster::same(std::string_view a, std::string_view b) const {
    if (a == b) {
        return true;
    }
    const Person* pa = find(a);
    if (pa != nullptr) {
        return pa == find(b);
    }
    const std::string fa = fold_text(a);
    return !fa.empty() && fa == fold_text(b) && find(b) == nullptr;
}

std::string Roster::nearest(std::string_view name) const {
    std::vector<std::string> names;
    for (const Person& p : m_people) {
        names.push_back(p.name);
    }
    std::string best = nearest_text(name, names);
    if (best.empty()) {
        // A misspelt alias still points to its person.
        for (const Person& p : m_people) {
            if (!nearest_text(name, p.aliases).empty()) {
                return p.name;
            }
        }
    }
    return best;
}

}  // namespace owner
