#include "store/local_state.hpp"

#include <algorithm>

#include <unistd.h>

#include <fmt/format.h>

#include "domain/forget.hpp"
#include "store/files.hpp"

namespace owner {

namespace fs = std::filesystem;

namespace {

fs::path remind_state_path(const Store& store) {
    return store.root() / ".remind-state";
}

}  // namespace

std::set<std::string> read_remind_state(const Store& store) {
    std::set<std::string> said;
    if (auto text = read_file(remind_state_path(store))) {
        std::size_t pos = 0;
        while (pos < text->size()) {
            const auto end = std::min(text->find('\n', pos), text->size());
            if (end > pos) {
                said.insert(text->substr(pos, end - pos));
            }
            pos = end + 1;
        }
    }
    return said;
}

void write_remind_state(const Store& store, const std::set<std::string>& keys) {
    std::string state;
    for (const auto& k : keys) {
        state += k + "\n";
    }
    make_private_dir(store.root());
    write_file_atomic(remind_state_path(store), state);
}

EditCopy edit_copy_of(const Store& store, const std::string& id) {
    return EditCopy{store.root() / fmt::format(".edit-{}.toml", id),
                    store.root() / fmt::format(".edit-{}.base", id)};
}

void discard_edit(const EditCopy& edit) {
    ::unlink(edit.copy.c_str());
    ::unlink(edit.base.c_str());
}

fs::path keep_refused_mail(const Store& store, std::string_view bytes, const Timestamp& now) {
    const fs::path dir = store.root() / ".cache" / "refused-mail";
    refuse_linked_folders(store.root(), dir);
    make_private_dir(dir);
    const LocalTime t = to_local(now.seconds);
    const std::string stamp =
        fmt::format("{}T{:02}{:02}", t.date.iso(), t.minute_of_day / 60, t.minute_of_day % 60);
    for (int n = 1;; ++n) {
        const fs::path path = dir / fmt::format("{}-{}.eml", stamp, n);
        std::error_code ec;
        if (!fs::exists(path, ec) || n > 1000) {
            write_file_atomic(path, std::string(bytes));
            return path;
        }
    }
}

std::vector<std::string> remove_local_copies(const Store& store,
                                             const std::vector<std::string>& ids) {
    std::vector<std::string> removed;
    std::error_code ec;
    const fs::path cache = store.root() / ".cache";
    // A .cache that is a link is not the store's: nothing is removed through it.
    const bool own = fs::is_directory(fs::symlink_status(cache, ec));
    for (const auto& entry : fs::directory_iterator(own ? cache : fs::path(), ec)) {
        if (entry.is_regular_file(ec) && fs::remove(entry.path(), ec)) {
            removed.push_back(fs::relative(entry.path(), store.root()).string());
        }
    }
    std::set<std::string> said = read_remind_state(store);
    const auto before = said.size();
    std::erase_if(said, [&](const std::string& key) { return reminder_key_of(key, ids); });
    if (said.size() != before) {
        write_remind_state(store, said);
        removed.push_back(".remind-state (their lines)");
    }
    for (const auto& id : ids) {
        const EditCopy edit = edit_copy_of(store, id);
        for (const fs::path& copy : {edit.copy, edit.base}) {
            if (fs::remove(copy, ec)) {
                removed.push_back(copy.filename().string());
            }
        }
    }
    return removed;
}

}  // namespace owner
