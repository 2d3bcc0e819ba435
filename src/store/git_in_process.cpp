#include "store/git_in_process.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "store/files.hpp"

namespace owner {

namespace fs = std::filesystem;

namespace {

// libgit2 is loaded by the first commit, not at every start: linked, its libraries (OpenSSL,
// libssh2, Kerberos, mbed TLS) cost each `owner today` about 5 ms here. The functions used are
// resolved by name, once.
#define OWNER_GIT2_FUNCTIONS(X)                                                                    \
    X(git_libgit2_init)                                                                            \
    X(git_libgit2_opts)                                                                            \
    X(git_repository_open_ext)                                                                     \
    X(git_repository_free)                                                                         \
    X(git_repository_config_snapshot)                                                              \
    X(git_repository_set_ident)                                                                    \
    X(git_config_foreach)                                                                          \
    X(git_config_get_string)                                                                       \
    X(git_config_get_bool)                                                                         \
    X(git_config_free)                                                                             \
    X(git_reference_name_to_id)                                                                    \
    X(git_reference_lookup)                                                                        \
    X(git_reference_type)                                                                          \
    X(git_reference_symbolic_target)                                                               \
    X(git_reference_create_matching)                                                               \
    X(git_reference_free)                                                                          \
    X(git_commit_lookup)                                                                           \
    X(git_commit_tree)                                                                             \
    X(git_commit_free)                                                                             \
    X(git_commit_create)                                                                           \
    X(git_tree_free)                                                                               \
    X(git_tree_lookup)                                                                             \
    X(git_tree_id)                                                                                 \
    X(git_tree_entry_bypath)                                                                       \
    X(git_tree_entry_id)                                                                           \
    X(git_tree_entry_type)                                                                         \
    X(git_tree_entry_filemode)                                                                     \
    X(git_tree_entry_free)                                                                         \
    X(git_tree_create_updated)                                                                     \
    X(git_blob_create_from_buffer)                                                                 \
    X(git_blob_lookup)                                                                             \
    X(git_blob_rawcontent)                                                                         \
    X(git_blob_rawsize)                                                                            \
    X(git_blob_free)                                                                               \
    X(git_signature_now)                                                                           \
    X(git_signature_free)                                                                          \
    X(git_message_prettify)                                                                        \
    X(git_buf_dispose)

struct Git2Api {
#define OWNER_DECLARE(name) decltype(&::name) name = nullptr;
    OWNER_GIT2_FUNCTIONS(OWNER_DECLARE)
#undef OWNER_DECLARE
};

// The library the headers were of: its soname changes with its ABI.
constexpr const char* kGit2Library = "libgit2.so." LIBGIT2_SOVERSION;

const Git2Api* loaded_api = nullptr;

// libgit2, loaded and initialised on first use; nullptr when it cannot be.
const Git2Api* git2() {
    static Git2Api api;
    static std::once_flag once;
    std::call_once(once, [] {
        void* lib = ::dlopen(kGit2Library, RTLD_NOW | RTLD_LOCAL);
        if (!lib) {
            return;
        }
        Git2Api found;
        bool complete = true;
#define OWNER_RESOLVE(name)                                                                        \
    found.name = reinterpret_cast<decltype(&::name)>(::dlsym(lib, #name));                         \
    complete = complete && found.name != nullptr;
        OWNER_GIT2_FUNCTIONS(OWNER_RESOLVE)
#undef OWNER_RESOLVE
        if (!complete || found.git_libgit2_init() < 0) {
            return;
        }
        // Objects reach the disk before the branch names them, as the case files do: a commit
        // cut by a power failure must not leave HEAD on a missing object.
        found.git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
        api = found;
        loaded_api = &api;
    });
    return loaded_api;
}

template <typename T, void (*Git2Api::*Free)(T*)> struct Freed {
    void operator()(T* p) const {
        if (p) {
            (loaded_api->*Free)(p);
        }
    }
};
template <typename T, auto Free> using Owned = std::unique_ptr<T, Freed<T, Free>>;
using Repository = Owned<git_repository, &Git2Api::git_repository_free>;
using Config = Owned<git_config, &Git2Api::git_config_free>;
using Commit = Owned<git_commit, &Git2Api::git_commit_free>;
using Tree = Owned<git_tree, &Git2Api::git_tree_free>;
using TreeEntry = Owned<git_tree_entry, &Git2Api::git_tree_entry_free>;
using Blob = Owned<git_blob, &Git2Api::git_blob_free>;
using Signature = Owned<git_signature, &Git2Api::git_signature_free>;
using Reference = Owned<git_reference, &Git2Api::git_reference_free>;

std::optional<std::string> config_string(const Git2Api& g, git_config* config, const char* key) {
    const char* value = nullptr;
    if (g.git_config_get_string(&value, config, key) == 0 && value != nullptr) {
        return std::string(value);
    }
    return std::nullopt;
}

// git's order: GIT_AUTHOR_NAME, then author.name, then user.name (and so on). Anything git would
// guess (the passwd entry, EMAIL, the host's name) is left to git.
std::optional<std::string> identity_part(const Git2Api& g, git_config* config,
                                         const std::optional<std::string>& variable,
                                         const char* role_key, const char* user_key) {
    if (variable) {
        return variable->empty() ? std::nullopt : variable;
    }
    auto value = config_string(g, config, role_key);
    if (!value) {
        value = config_string(g, config, user_key);
    }
    if (value && value->empty()) {
        return std::nullopt;
    }
    return value;
}

bool config_true(const Git2Api& g, git_config* config, const char* key) {
    int value = 0;
    return g.git_config_get_bool(&value, config, key) == 0 && value != 0;
}

// Config that git reads and libgit2 1.5 does not, or reads otherwise: an includeIf condition it
// does not know (hasconfig:, git 2.36) could hold the identity, commit.gpgSign or a hooks path;
// a commit encoding other than UTF-8 goes into git's commit header.
bool config_beyond_libgit2(const Git2Api& g, git_config* config) {
    bool beyond = false;
    // Every entry, not git_config_foreach_match: libgit2 1.5 leaks pcre2's match data for each
    // entry a regular expression is matched against (LeakSanitizer sees it).
    g.git_config_foreach(
        config,
        [](const git_config_entry* entry, void* payload) {
            const std::string_view name(entry->name);
            if (!name.starts_with("includeif.")) {
                return 0;
            }
            const std::string_view condition = name.substr(10);
            if (!condition.starts_with("gitdir:") && !condition.starts_with("gitdir/i:") &&
                !condition.starts_with("onbranch:")) {
                *static_cast<bool*>(payload) = true;
            }
            return 0;
        },
        &beyond);
    std::string encoding = config_string(g, config, "i18n.commitEncoding").value_or("utf8");
    std::erase(encoding, '-');
    std::transform(encoding.begin(), encoding.end(), encoding.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return beyond || encoding != "utf8";
}

// The line owner pins in .git/info/attributes (see git.cpp), by which git stores a *.toml file's
// bytes as they are: without it, .gitattributes or core.autocrlf could make git filter them.
bool toml_attributes_pinned(const fs::path& root) {
    const auto text = read_file(root / ".git" / "info" / "attributes");
    return text &&
           text->find("*.toml merge=owner-case -text -filter -ident -working-tree-encoding") !=
               std::string::npos;
}

bool executable_file(const fs::path& p) {
    return ::access(p.c_str(), X_OK) == 0 && fs::is_regular_file(p);
}

// A hook `git commit --no-verify` would run and libgit2 would not (update-index runs its own).
bool has_commit_hook(const Git2Api& g, git_config* config, const fs::path& root,
                     const fs::path& home) {
    const fs::path hooks = [&] {
        const auto configured = config_string(g, config, "core.hooksPath");
        if (!configured) {
            return root / ".git" / "hooks";
        }
        fs::path p(*configured);
        if (configured->starts_with("~/")) {
            p = home / configured->substr(2);
        }
        return p.is_absolute() ? p : root / p;
    }();
    for (const char* hook : {"prepare-commit-msg", "post-commit", "reference-transaction"}) {
        if (executable_file(hooks / hook)) {
            return true;
        }
    }
    return false;
}

std::map<std::string, std::string> texts_in(const Git2Api& g, git_repository* repo, git_tree* tree,
                                            const std::set<std::string>& paths) {
    std::map<std::string, std::string> out;
    for (const auto& p : paths) {
        git_tree_entry* raw_entry = nullptr;
        if (g.git_tree_entry_bypath(&raw_entry, tree, p.c_str()) != 0) {
            continue;
        }
        const TreeEntry entry(raw_entry);
        git_blob* raw_blob = nullptr;
        if (g.git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB ||
            g.git_blob_lookup(&raw_blob, repo, g.git_tree_entry_id(entry.get())) != 0) {
            continue;
        }
        const Blob blob(raw_blob);
        out[p] = std::string(static_cast<const char*>(g.git_blob_rawcontent(blob.get())),
                             static_cast<std::size_t>(g.git_blob_rawsize(blob.get())));
    }
    return out;
}

// The branch HEAD names ("refs/heads/main"), or "HEAD" itself when detached; empty on error.
std::string branch_of_head(const Git2Api& g, git_repository* repo) {
    git_reference* raw = nullptr;
    if (g.git_reference_lookup(&raw, repo, "HEAD") != 0) {
        return "";
    }
    const Reference head(raw);
    if (g.git_reference_type(head.get()) != GIT_REFERENCE_SYMBOLIC) {
        return "HEAD";
    }
    const char* target = g.git_reference_symbolic_target(head.get());
    return target ? target : "";
}

// The mode of `path` in `tree` (a blob, an executable, a link, a folder), or nullopt when absent.
std::optional<git_filemode_t> mode_in(const Git2Api& g, git_tree* tree, const std::string& path) {
    git_tree_entry* raw = nullptr;
    if (g.git_tree_entry_bypath(&raw, tree, path.c_str()) != 0) {
        return std::nullopt;
    }
    const TreeEntry entry(raw);
    return g.git_tree_entry_filemode(entry.get());
}

}  // namespace

InProcessCommit git_commit_in_process(
    const fs::path& root, const std::set<std::string>& paths, const GitCommitSettings& settings,
    const std::function<bool()>& staged,
    const std::function<std::string(const std::map<std::string, std::string>&)>& message) {
    if (!settings.in_process || !settings.steering_variable.empty()) {
        return InProcessCommit::use_git;
    }
    // The blobs are the files' bytes: what the pinned attributes of *.toml (-text -filter -ident
    // -working-tree-encoding) make git store too. Any other path, or an executable file, is left
    // to git and its filters.
    if (!toml_attributes_pinned(root)) {
        return InProcessCommit::use_git;
    }
    std::map<std::string, std::optional<std::string>> contents;
    for (const auto& p : paths) {
        struct stat st {};
        if (!p.ends_with(".toml")) {
            return InProcessCommit::use_git;
        }
        if (::lstat((root / p).c_str(), &st) != 0) {
            contents[p] = std::nullopt;
            continue;
        }
        auto text =
            S_ISREG(st.st_mode) && (st.st_mode & 0111) == 0 ? read_file(root / p) : std::nullopt;
        if (!text) {
            return InProcessCommit::use_git;
        }
        contents[p] = std::move(text);
    }
    const Git2Api* loaded = git2();
    if (!loaded) {
        return InProcessCommit::use_git;
    }
    const Git2Api& g = *loaded;
    // Whatever is written into .git is private, whatever the umask.
    ::umask(077);
    git_repository* raw_repo = nullptr;
    if (g.git_repository_open_ext(&raw_repo, root.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH,
                                  nullptr) != 0) {
        return InProcessCommit::use_git;
    }
    const Repository repo(raw_repo);
    git_config* raw_config = nullptr;
    if (g.git_repository_config_snapshot(&raw_config, repo.get()) != 0) {
        return InProcessCommit::use_git;
    }
    const Config config(raw_config);
    const auto author_name =
        identity_part(g, config.get(), settings.author_name, "author.name", "user.name");
    const auto author_email =
        identity_part(g, config.get(), settings.author_email, "author.email", "user.email");
    const auto committer_name =
        identity_part(g, config.get(), settings.committer_name, "committer.name", "user.name");
    const auto committer_email =
        identity_part(g, config.get(), settings.committer_email, "committer.email", "user.email");
    if (!author_name || !author_email || !committer_name || !committer_email ||
        config_true(g, config.get(), "commit.gpgSign") || config_beyond_libgit2(g, config.get()) ||
        has_commit_hook(g, config.get(), root, settings.home)) {
        return InProcessCommit::use_git;
    }
    git_signature* raw_author = nullptr;
    git_signature* raw_committer = nullptr;
    if (g.git_signature_now(&raw_author, author_name->c_str(), author_email->c_str()) != 0) {
        return InProcessCommit::use_git;
    }
    const Signature author(raw_author);
    if (g.git_signature_now(&raw_committer, committer_name->c_str(), committer_email->c_str()) !=
        0) {
        return InProcessCommit::use_git;
    }
    const Signature committer(raw_committer);
    // The reflog's lines are signed by the committer, as git signs them.
    if (g.git_repository_set_ident(repo.get(), committer_name->c_str(), committer_email->c_str()) !=
        0) {
        return InProcessCommit::use_git;
    }
    std::map<std::string, git_oid> blobs;
    for (const auto& [p, text] : contents) {
        if (text &&
            g.git_blob_create_from_buffer(&blobs[p], repo.get(), text->data(), text->size()) != 0) {
            return InProcessCommit::use_git;
        }
    }
    // The index must hold what the commit holds before HEAD names it, or `git status` would show
    // the change undone.
    if (!staged()) {
        return InProcessCommit::use_git;
    }
    // A file changed meanwhile by a writer that bypasses the store's lock (an editor) may differ
    // from what git staged: git then commits what it staged.
    for (const auto& [p, text] : contents) {
        if (text && read_file(root / p) != text) {
            return InProcessCommit::use_git;
        }
    }

    // HEAD may move under us (a `git commit` of the user's): the tree is then built again on the
    // new HEAD, never written over it.
    for (int attempt = 0; attempt < 5; ++attempt) {
        git_oid head_id;
        if (g.git_reference_name_to_id(&head_id, repo.get(), "HEAD") != 0) {
            return InProcessCommit::use_git;  // unborn, or HEAD unreadable
        }
        git_commit* raw_head = nullptr;
        if (g.git_commit_lookup(&raw_head, repo.get(), &head_id) != 0) {
            return InProcessCommit::use_git;
        }
        const Commit head(raw_head);
        git_tree* raw_base = nullptr;
        if (g.git_commit_tree(&raw_base, head.get()) != 0) {
            return InProcessCommit::use_git;
        }
        const Tree base(raw_base);
        std::vector<git_tree_update> updates;
        for (const auto& p : paths) {
            const auto mode = mode_in(g, base.get(), p);
            if (const auto blob = blobs.find(p); blob != blobs.end()) {
                // git keeps an executable bit it finds in the index when core.fileMode is false;
                // such a file, pushed by someone, is left to git.
                if (mode && *mode != GIT_FILEMODE_BLOB) {
                    return InProcessCommit::use_git;
                }
                updates.push_back({.action = GIT_TREE_UPDATE_UPSERT,
                                   .id = blob->second,
                                   .filemode = GIT_FILEMODE_BLOB,
                                   .path = p.c_str()});
            } else if (mode) {
                updates.push_back({.action = GIT_TREE_UPDATE_REMOVE,
                                   .id = {},
                                   .filemode = GIT_FILEMODE_UNREADABLE,
                                   .path = p.c_str()});
            }
        }
        git_oid tree_id;
        if (g.git_tree_create_updated(&tree_id, repo.get(), base.get(), updates.size(),
                                      updates.data()) != 0) {
            return InProcessCommit::use_git;
        }
        if (std::memcmp(tree_id.id, g.git_tree_id(base.get())->id, sizeof tree_id.id) == 0) {
            return InProcessCommit::nothing_changed;
        }
        const std::string text = message(texts_in(g, repo.get(), base.get(), paths));
        git_buf clean{};
        if (g.git_message_prettify(&clean, text.c_str(), 0, '#') != 0) {
            return InProcessCommit::use_git;
        }
        const std::string cleaned(clean.ptr, clean.size);
        g.git_buf_dispose(&clean);
        git_tree* raw_tree = nullptr;
        if (g.git_tree_lookup(&raw_tree, repo.get(), &tree_id) != 0) {
            return InProcessCommit::use_git;
        }
        const Tree tree(raw_tree);
        const git_commit* parents[] = {head.get()};
        git_oid commit_id;
        if (g.git_commit_create(&commit_id, repo.get(), nullptr, author.get(), committer.get(),
                                nullptr, cleaned.c_str(), tree.get(), 1, parents) != 0) {
            return InProcessCommit::use_git;
        }
        // The branch moves only if it still names `head`, compared under the ref's lock as git
        // does (GIT_EMODIFIED otherwise); HEAD's reflog follows the branch's.
        const std::string branch = branch_of_head(g, repo.get());
        if (branch.empty()) {
            return InProcessCommit::use_git;
        }
        const std::string subject = cleaned.substr(0, cleaned.find('\n'));
        git_reference* raw_moved = nullptr;
        const int r =
            g.git_reference_create_matching(&raw_moved, repo.get(), branch.c_str(), &commit_id, 1,
                                            &head_id, ("commit: " + subject).c_str());
        const Reference moved(raw_moved);
        if (r == GIT_EMODIFIED) {
            continue;
        }
        if (r != 0) {
            return InProcessCommit::use_git;
        }
        return InProcessCommit::committed;
    }
    return InProcessCommit::use_git;
}

}  // namespace owner
