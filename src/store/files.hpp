#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

// Small, careful file operations: every write is atomic and private.
namespace owner {

// Anything larger is not a file owner wrote or a person typed (a guard against /dev/zero and
// runaway files); case files have a smaller limit of their own (store.hpp).
inline constexpr std::size_t kMaxFileBytes = 256 * 1024 * 1024;

// Reads a whole regular file; nullopt when it does not exist. Never blocks on a FIFO and never
// reads a device: anything but a regular file, or a file over `max_bytes`, is an Error naming it,
// as are other failures.
std::optional<std::string> read_file(const std::filesystem::path& path,
                                     std::size_t max_bytes = kMaxFileBytes);

// A whole file, without the copy through a growing string: for the caches, megabytes read on every
// run. A large file is mapped rather than read: its pages come from the page cache as they are, not
// copied into fresh memory that the kernel must first clear (at 2 000 open cases, 500 page faults
// and a 2 MB copy saved on each `today`). Only files that owner replaces by rename are read this
// way (the caches): a mapped file cut short in place by another program would end the process.
class FileBytes {
  public:
    FileBytes() = default;
    FileBytes(std::unique_ptr<char[]> data, std::size_t size);
    FileBytes(FileBytes&& other) noexcept;
    FileBytes& operator=(FileBytes&& other) noexcept;
    FileBytes(const FileBytes&) = delete;
    FileBytes& operator=(const FileBytes&) = delete;
    ~FileBytes();
    static FileBytes mapped(void* address, std::size_t size);

    std::string_view view() const { return {m_mapped ? m_mapped : m_data.get(), m_size}; }

  private:
    std::unique_ptr<char[]> m_data;
    char* m_mapped = nullptr;
    std::size_t m_size = 0;
};

// read_file, into a FileBytes: the same checks, the same errors.
std::optional<FileBytes> read_file_bytes(const std::filesystem::path& path,
                                         std::size_t max_bytes = kMaxFileBytes);

// Replaces `path` with `content` atomically: a private temp file in the same folder, fsync,
// rename, fsync of the folder. On failure the old file is untouched and the temp file removed.
void write_file_atomic(const std::filesystem::path& path, const std::string& content);

// Creates the folder and its parents as needed, private (0700).
void make_private_dir(const std::filesystem::path& dir);

// Throws Error when a folder between `root` (itself not checked) and `dir` exists and is a
// symbolic link or not a folder: a link (say, one that arrived by git) must never lead a write
// out of the store.
void refuse_linked_folders(const std::filesystem::path& root, const std::filesystem::path& dir);

// fsyncs a folder so that a rename or unlink in it is durable.
void sync_dir(const std::filesystem::path& dir);

// True for names this tool writes as temp files (never read as cases).
bool is_temp_name(const std::string& filename);

// An exclusive advisory lock on a file, held while the object lives. Waits up to `timeout_ms`;
// then throws Error naming the holder ("store is locked by pid N since …").
class FileLock {
  public:
    FileLock(const std::filesystem::path& path, int timeout_ms);
    ~FileLock();
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

  private:
    int m_fd = -1;
};

}  // namespace owner
