#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "store/blob.hpp"

// How the store lists its folders (cases/, archive/, archive/<year>/): readdir into one buffer of
// names, sorted as string_views, with the folder kept open so that each file is looked at by its
// name relative to it (fstatat) rather than through a path object per file. At 2 000 cases a
// std::filesystem::path each (split into components) cost more than reading their cache.
namespace owner {

// The entries of one folder that a listing keeps.
enum class Listed {
    case_files,    // *.toml not starting with a dot (temp files and what a person keeps there
                   // are not cases), sorted by id (the name without .toml)
    real_folders,  // folders that are not symbolic links, sorted by name
};

class FolderListing {
  public:
    // Lists `dir`. A folder that does not exist lists nothing (a new store); one that cannot be
    // read is an Error "cannot read the folder DIR: why", never an empty list.
    FolderListing(std::filesystem::path dir, Listed what);
    ~FolderListing();
    FolderListing(FolderListing&& other) noexcept;
    FolderListing& operator=(FolderListing&&) = delete;
    FolderListing(const FolderListing&) = delete;
    FolderListing& operator=(const FolderListing&) = delete;

    const std::filesystem::path& dir() const { return m_dir; }
    // The folder, open for *at() calls; -1 when it does not exist.
    int fd() const { return m_fd; }
    std::size_t size() const { return m_spans.size(); }
    // The i-th name in order; its data() is NUL-terminated (for fstatat).
    std::string_view operator[](std::size_t i) const {
        return std::string_view(m_text).substr(m_spans[i].start, m_spans[i].size);
    }
    // For case_files: the i-th case id (the name without .toml).
    std::string_view id(std::size_t i) const {
        return std::string_view(m_text).substr(m_spans[i].start, m_spans[i].size - 5);
    }
    // dir() with a trailing '/', as a path to a file in it begins.
    const std::string& prefix() const { return m_prefix; }
    // The identity of the i-th entry (not following a link); nullopt when it is gone.
    std::optional<FileIdentity> identity(std::size_t i) const;

  private:
    struct Span {
        std::uint64_t key;  // the first 8 bytes of the sort key, big-endian: most compares end here
        std::uint32_t start, size;
    };
    std::filesystem::path m_dir;
    std::string m_prefix;
    int m_fd = -1;
    std::string m_text;  // the names, each followed by a NUL
    std::vector<Span> m_spans;
};

// The identities of a listing's entries, looked at by two threads: the caller as it asks for them
// in order, and a second thread from the last entry back until they meet. Each entry is claimed by
// one and looked at once, after the listing and before it is used: exactly as strict as looking in
// the caller's loop. At 2 000 open cases the 2 000 fstatat calls (about 2.5 ms) overlap decoding
// the cache (`today`) or are halved (`__complete`). Small listings, and a process that cannot start
// a thread, look in the caller's thread alone.
class ListingIdentities {
  public:
    explicit ListingIdentities(const FolderListing& files);
    ~ListingIdentities();
    ListingIdentities(const ListingIdentities&) = delete;
    ListingIdentities& operator=(const ListingIdentities&) = delete;

    // The identity of the i-th entry (nullopt: gone); asked for in order, each once.
    std::optional<FileIdentity> get(std::size_t i);

  private:
    enum State : std::uint8_t { free, claimed, done };
    void look_ahead();
    const FolderListing& m_files;
    std::vector<std::optional<FileIdentity>> m_ids;
    std::unique_ptr<std::atomic<std::uint8_t>[]> m_states;
    std::thread m_worker;  // last: it starts when everything it uses is made
};

// The one error for a folder of the store that cannot be listed or looked into, with errno's
// reason: "cannot read the folder DIR: Permission denied".
[[noreturn]] void throw_cannot_read_folder(const std::filesystem::path& dir, int error);

// The identity of `name` relative to the folder `dir_fd` (AT_FDCWD: a path), not following a
// link; nullopt when it cannot be looked at.
std::optional<FileIdentity> file_identity_at(int dir_fd, const char* name);

}  // namespace owner
