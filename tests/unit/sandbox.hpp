#pragma once

// Runs whole command lines in-process (owner::run with string streams and an environment map)
// against a temporary HOME that is removed afterwards, with a fixed now in Europe/Amsterdam.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "app.hpp"
#include "zone.hpp"

namespace owner_test {

namespace fs = std::filesystem;

struct Result {
    int code = -1;
    std::string out;
    std::string err;
};

inline std::string slurp(const fs::path& path) {
    std::ifstream f(path, std::ios::binary);
    REQUIRE_MESSAGE(f.good(), "cannot read ", path.string());
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

inline void spit(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream f(path, std::ios::binary);
    f << text;
}

class Sandbox {
  public:
    static constexpr const char* kNow = "2026-11-25T09:00:00+01:00";  // a Wednesday

    Sandbox() : m_zone("Europe/Amsterdam") {
        std::string templ = (scratch() / "owner-unit-XXXXXX").string();
        REQUIRE(::mkdtemp(templ.data()) != nullptr);
        m_dir = templ;
        fs::create_directories(home());
        env = {{"HOME", home().string()},   {"OWNER_NOW", kNow},
               {"OWNER_LOCK_TIMEOUT", "5"}, {"TZ", "Europe/Amsterdam"},
               {"LC_ALL", "C.UTF-8"},       {"PATH", "/usr/local/bin:/usr/bin:/bin"}};
    }
    ~Sandbox() {
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }
    Sandbox(const Sandbox&) = delete;
    Sandbox& operator=(const Sandbox&) = delete;

    // The process environment that `run` sees.
    owner::Environment env;
    // How often the login's full name was looked up (it answers "Login Name").
    int login_lookups = 0;

    fs::path dir() const { return m_dir; }
    fs::path home() const { return m_dir / "home"; }
    fs::path store() const { return home() / ".local" / "share" / "owner"; }
    fs::path case_path(const std::string& id) const { return store() / "cases" / (id + ".toml"); }
    std::string read_case(const std::string& id) const { return slurp(case_path(id)); }

    // Writes a config file and points OWNER_CONFIG at it.
    void use_config(const std::string& text) {
        const fs::path path = m_dir / "config.toml";
        spit(path, text);
        env["OWNER_CONFIG"] = path.string();
    }

    // Runs `owner ARGS...`; `input` is what it reads, `terminal` says its input and output are one.
    Result run(std::vector<std::string> args, const std::string& input = "",
               bool terminal = false) {
        std::ostringstream out;
        std::ostringstream err;
        std::istringstream in(input);
        owner::Io io{.out = out,
                     .err = err,
                     .in = in,
                     .out_is_terminal = terminal,
                     .in_is_terminal = terminal,
                     .terminal_columns = terminal ? 100U : 0U};
        Result r;
        r.code = owner::run(args, env, io, [this] {
            ++login_lookups;
            return std::string("Login Name");
        });
        r.out = out.str();
        r.err = err.str();
        return r;
    }

    // Runs and checks the exit status, showing what was printed when it differs.
    Result ok(std::vector<std::string> args, int expect = 0, const std::string& input = "") {
        Result r = run(args, input);
        std::string line;
        for (const auto& a : args) {
            line += a + " ";
        }
        CHECK_MESSAGE(r.code == expect, "owner ", line, "\nstdout:\n", r.out, "\nstderr:\n", r.err);
        return r;
    }

    // `owner new TITLE --customer CUSTOMER EXTRA...`; returns the new id.
    std::string new_case(const std::string& title, const std::string& customer,
                         std::initializer_list<std::string> extra = {}) {
        std::vector<std::string> args{"new", title, "--customer", customer};
        args.insert(args.end(), extra.begin(), extra.end());
        Result r = ok(args);
        std::string id = r.out;
        while (!id.empty() && id.back() == '\n') {
            id.pop_back();
        }
        REQUIRE_MESSAGE(id.size() == 5, "new printed '", r.out, "'");
        return id;
    }

  private:
    // Every write of a case is fsynced: on a disk that is most of a test's time (3 s of the unit
    // binary's 3.3 s on a busy machine), on tmpfs nothing. /dev/shm when it is there.
    static fs::path scratch() {
        std::error_code ec;
        if (fs::is_directory("/dev/shm", ec) && ::access("/dev/shm", W_OK | X_OK) == 0) {
            return "/dev/shm";
        }
        return fs::temp_directory_path();
    }

    ZoneGuard m_zone;
    fs::path m_dir;
};

inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace owner_test
