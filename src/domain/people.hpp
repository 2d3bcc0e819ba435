#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The team's roster ([people] in the config): one name per colleague and the other ways people
// write it, so "Ben", "Ben Smit" and "Ben Smit (billing)" are one person everywhere.
namespace owner {

struct Person {
    std::string name;                  // as shown: in agenda, stats, drafts
    std::vector<std::string> aliases;  // other spellings that mean this person
    std::string email;                 // their mail address, when known
    std::string role;                  // "lead", or empty
};

// The only role a person may have in the roster besides none: the one escalations go to.
inline constexpr std::string_view kLeadRole = "lead";

class Roster {
  public:
    Roster() = default;
    explicit Roster(std::vector<Person> people) : m_people(std::move(people)) {}

    bool empty() const { return m_people.empty(); }
    const std::vector<Person>& people() const { return m_people; }

    // The person a name or alias belongs to (case, accents and punctuation do not matter).
    const Person* find(std::string_view name) const;
    // The roster's name for `name`, or `name` itself when it is not on the roster.
    std::string canonical(std::string_view name) const;
    // True when both name the same person: two names of one roster entry, or, off the roster,
    // the same name written alike ("dini" is "Dini").
    bool same(std::string_view a, std::string_view b) const;
    // The roster name nearest to a name that is not on it, for "did you mean"; empty if none is
    // near.
    std::string nearest(std::string_view name) const;

  private:
    std::vector<Person> m_people;
};

struct Case;
struct Config;

// The colleagues who helped in a case, by the roster's name ("Ben" and "Ben Smit (billing)" are
// one): those who had actions, in order of first appearance, then those named by `close --helped`
// (kept as `helped` on the "closed" log entry); never the owner. For stats and the thanks draft.
std::vector<std::string> helpers_of(const Case& c, const Config& config);

}  // namespace owner
