#include "store/editor.hpp"

#include <cerrno>

#include <sys/wait.h>
#include <unistd.h>

#include "domain/error.hpp"

namespace owner {

namespace fs = std::filesystem;

namespace {

bool is_executable_on(const std::string& path_var, const std::string& name) {
    std::size_t pos = 0;
    while (pos <= path_var.size()) {
        const auto end = std::min(path_var.find(':', pos), path_var.size());
        const std::string dir = end > pos ? path_var.substr(pos, end - pos) : ".";
        const fs::path candidate = fs::path(dir) / name;
        std::error_code ec;
        if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) {
            return true;
        }
        pos = end + 1;
    }
    return false;
}

}  // namespace

std::string find_editor(const Settings& settings) {
    if (!settings.editor.empty()) {
        return settings.editor;
    }
    for (const char* candidate : {"vi", "editor", "sensible-editor", "nano"}) {
        if (is_executable_on(settings.path, candidate)) {
            return candidate;
        }
    }
    throw Error("no editor found (none of vi, editor, sensible-editor, nano is installed): "
                "set VISUAL or EDITOR, for example export EDITOR=nano");
}

int run_editor(const std::string& command, const std::string& path) {
    const pid_t pid = ::fork();
    if (pid < 0) {
        throw Error("cannot start the editor: fork failed");
    }
    if (pid == 0) {
        const std::string script = command + " \"$1\"";
        ::execl("/bin/sh", "sh", "-c", script.c_str(), "sh", path.c_str(),
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            return 1;
        }
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

}  // namespace owner
