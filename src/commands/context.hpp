#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "domain/config.hpp"
#include "domain/time.hpp"
#include "render/json.hpp"
#include "render/text.hpp"
#include "store/io.hpp"
#include "store/settings.hpp"
#include "store/store.hpp"

namespace owner {

// A command's large results, kept until the command is over (Context::hold). When the process
// ends with the command, they are not freed one allocation at a time: `today` at 2 000 open
// cases holds some 40 000 allocations, and freeing them took 1.7 ms of its 20, for memory the
// system takes back at once when the process exits. They stay reachable until then, so a leak
// checker does not count them.
class HeldResults {
  public:
    HeldResults() = default;
    HeldResults(const HeldResults&) = delete;
    HeldResults& operator=(const HeldResults&) = delete;
    ~HeldResults();

    template <typename T> T& hold(T&& value, bool until_exit) {
        auto held = std::make_unique<Held<T>>(std::move(value));
        T& kept = held->value;
        m_held.push_back(std::move(held));
        m_until_exit = m_until_exit || until_exit;
        return kept;
    }

  private:
    struct AnyHeld {
        virtual ~AnyHeld() = default;
    };
    template <typename T> struct Held final : AnyHeld {
        explicit Held(T&& v) : value(std::move(v)) {}
        T value;
    };
    std::vector<std::unique_ptr<AnyHeld>> m_held;
    bool m_until_exit = false;
};

// What every command gets: the moment it runs, the team's rules, the store, the environment as
// read at start-up, and where to print and read. `run` builds it once; commands write and read
// only through it (never std::cout, stderr or std::cin), and nothing in app.cpp, commands/ or
// store/ reads the environment: so a test can run a whole command line in-process against a
// temporary store and read what it printed (tests/unit/test_commands.cpp).
struct Context {
    Timestamp now;
    Config config;
    Store store;
    Style style{false};
    std::size_t width = 80;  // columns for human output
    // Runs the user's editor on a file and returns its exit status (replaced in tests).
    std::function<int(const std::string& path)> edit_file;
    // The environment as read at start-up (store/settings.hpp).
    Settings settings;
    // Output, notes and warnings, the input (store/io.hpp).
    Io& io;
    // What hold() keeps.
    mutable HeldResults held{};

    // Keeps `value` (loaded cases, a view) until the command is over, and gives it back by
    // reference; see HeldResults for why.
    template <typename T> T& hold(T&& value) const {
        static_assert(!std::is_lvalue_reference_v<T>, "hold takes what it keeps: std::move it");
        return held.hold(std::move(value), io.process_ends_with_command);
    }

    // Text for people to the output. Control characters and escape sequences in it are shown
    // visibly (only the colours Style wrote pass), so a customer's text can never act on the
    // terminal; where the locale is not UTF-8 (Settings::ascii), typographic punctuation is
    // written as ASCII ("…" as "...").
    void out(std::string_view text) const;
    // Data for programs (JSON, iCalendar, an export, completions) to the output: as out(), but
    // every character as it is, whatever the locale.
    void out_data(std::string_view text) const;
    // Text for people as out() writes it: with ASCII punctuation where Settings::ascii says so.
    std::string human(std::string_view text) const;
    // Bytes for another program, written as they are: a mail for `sendmail -t` is not text for a
    // terminal, and the terminal filter would turn the tab that folds a long header into a
    // visible "␉" and end the header block there. Only for bytes whose maker guarantees they
    // cannot act on a terminal (write_mail's are printable ASCII, tabs and newlines).
    void out_bytes(std::string_view bytes) const;
    // The output a piece at a time, for long views: each piece of whole lines goes through out()
    // as the view is made (flush() at the end).
    TextOut text_out() const {
        return TextOut([this](std::string_view piece) { out(piece); });
    }
    // A table to the output at the output's width, a piece at a time.
    void out_table(const TextTable& table) const;
    // A --json document to the output: indented, with a final newline.
    void out_json(const Json& doc) const;
    // Notes and warnings to the error output, one line each.
    void note(std::string_view text) const;
    void warn(std::string_view text) const;
    // Reports unreadable case files without stopping the command.
    void report_bad(const std::vector<BadFile>& bad) const;
    // Asks a question on the error output and reads one line of answer from the input (empty at
    // its end). Ask only when io.in_is_terminal: otherwise nobody is there to answer.
    std::string ask(std::string_view question) const;
    // All of the input, as bytes (import -, new --from-mail -).
    std::string read_input() const;
};

}  // namespace owner
