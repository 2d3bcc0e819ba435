#include "store/files.hpp"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <thread>
#include <utility>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <fmt/format.h>

#include "domain/error.hpp"

namespace owner {

namespace fs = std::filesystem;

namespace {

std::string why() {
    return std::strerror(errno);
}

Error too_big(const fs::path& path, std::size_t max_bytes) {
    return Error(fmt::format("{}: larger than {} bytes, the most owner reads from one file",
                             path.string(), max_bytes));
}

class Fd {
  public:
    explicit Fd(int fd) : m_fd(fd) {}
    ~Fd() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return m_fd; }
    int release() {
        const int fd = m_fd;
        m_fd = -1;
        return fd;
    }

  private:
    int m_fd;
};

// Opens a regular file for reading with the checks read_file documents; nullopt when it does not
// exist. `st` is its status; an Fd of -1 with a size of 0 is /dev/null (read as empty).
std::optional<Fd> open_for_reading(const fs::path& path, std::size_t max_bytes, struct stat& st) {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY));
    if (fd.get() < 0) {
        if (errno == ENOENT) {
            return std::nullopt;
        }
        if (errno == ELOOP) {
            throw Error(fmt::format(
                "{}: is a symbolic link; owner does not follow links in its store", path.string()));
        }
        throw Error(fmt::format("cannot read {}: {}", path.string(), why()));
    }
    if (::fstat(fd.get(), &st) != 0) {
        throw Error(fmt::format("cannot read {}: {}", path.string(), why()));
    }
    if (S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 3)) {
        st.st_size = 0;
        return std::optional<Fd>(std::in_place, -1);  // /dev/null, as in OWNER_CONFIG=/dev/null
    }
    if (!S_ISREG(st.st_mode)) {
        throw Error(fmt::format(
            "{}: not a regular file ({}); owner reads only regular files", path.string(),
            S_ISFIFO(st.st_mode)                         ? "a FIFO"
            : S_ISDIR(st.st_mode)                        ? "a folder"
            : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
                                                         : "a socket or special file"));
    }
    if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
        throw too_big(path, max_bytes);
    }
    return std::optional<Fd>(std::in_place, fd.release());
}

// read(2) until the end or `size` bytes; the number read.
std::size_t read_up_to(int fd, char* into, std::size_t size, const fs::path& path) {
    std::size_t got = 0;
    while (got < size) {
        const ssize_t n = ::read(fd, into + got, size - got);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw Error(fmt::format("cannot read {}: {}", path.string(), why()));
        }
        if (n == 0) {
            break;
        }
        got += static_cast<std::size_t>(n);
    }
    return got;
}

}  // namespace

std::optional<std::string> read_file(const fs::path& path, std::size_t max_bytes) {
    struct stat st {};
    const std::optional<Fd> fd = open_for_reading(path, max_bytes, st);
    if (!fd) {
        return std::nullopt;
    }
    std::string content;
    if (fd->get() < 0) {
        return content;
    }
    content.reserve(static_cast<std::size_t>(st.st_size));
    char buf[16384];
    for (;;) {
        const std::size_t n = read_up_to(fd->get(), buf, sizeof buf, path);
        content.append(buf, n);
        if (content.size() > max_bytes) {
            throw too_big(path, max_bytes);  // it grew while we read
        }
        if (n < sizeof buf) {
            break;
        }
    }
    return content;
}

FileBytes::FileBytes(std::unique_ptr<char[]> data, std::size_t size)
    : m_data(std::move(data)), m_size(size) {}

FileBytes::FileBytes(FileBytes&& other) noexcept
    : m_data(std::move(other.m_data)), m_mapped(std::exchange(other.m_mapped, nullptr)),
      m_size(std::exchange(other.m_size, 0)) {}

FileBytes& FileBytes::operator=(FileBytes&& other) noexcept {
    if (this != &other) {
        FileBytes gone(std::move(*this));
        m_data = std::move(other.m_data);
        m_mapped = std::exchange(other.m_mapped, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

FileBytes::~FileBytes() {
    if (m_mapped != nullptr) {
        ::munmap(m_mapped, m_size);
    }
}

FileBytes FileBytes::mapped(void* address, std::size_t size) {
    FileBytes out;
    out.m_mapped = static_cast<char*>(address);
    out.m_size = size;
    return out;
}

std::optional<FileBytes> read_file_bytes(const fs::path& path, std::size_t max_bytes) {
    struct stat st {};
    const std::optional<Fd> fd = open_for_reading(path, max_bytes, st);
    if (!fd) {
        return std::nullopt;
    }
    if (fd->get() < 0) {
        return FileBytes();
    }
    // Below a few pages, reading is as cheap as mapping and needs no munmap.
    constexpr std::size_t kMapFrom = 64 * 1024;
    const auto file_size = static_cast<std::size_t>(st.st_size);
    if (file_size >= kMapFrom) {
        void* address = ::mmap(nullptr, file_size, PROT_READ, MAP_PRIVATE, fd->get(), 0);
        if (address != MAP_FAILED) {
            return FileBytes::mapped(address, file_size);
        }
    }
    // One byte more than the file has: reading it says the file grew while we read.
    std::size_t capacity = file_size + 1;
    std::unique_ptr<char[]> data(new char[capacity]);
    std::size_t size = 0;
    for (;;) {
        size += read_up_to(fd->get(), data.get() + size, capacity - size, path);
        if (size > max_bytes) {
            throw too_big(path, max_bytes);
        }
        if (size < capacity) {
            return FileBytes(std::move(data), size);
        }
        capacity *= 2;
        std::unique_ptr<char[]> bigger(new char[capacity]);
        std::memcpy(bigger.get(), data.get(), size);
        data = std::move(bigger);
    }
}

void sync_dir(const fs::path& dir) {
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() >= 0) {
        ::fsync(fd.get());
    }
}

bool is_temp_name(const std::string& filename) {
    return filename.starts_with(".") && filename.find(".tmp-") != std::string::npos;
}

void write_file_atomic(const fs::path& path, const std::string& content) {
    static unsigned counter = 0;
    const fs::path dir = path.parent_path();
    const fs::path temp =
        dir / fmt::format(".{}.tmp-{}-{}", path.filename().string(), ::getpid(), counter++);
    Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (fd.get() < 0) {
        throw Error(fmt::format("cannot write {}: {}", path.string(), why()));
    }
    auto fail = [&](const std::string& reason) {
        ::unlink(temp.c_str());
        throw Error(fmt::format("cannot write {}: {}; the previous version is intact",
                                path.string(), reason));
    };
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd.get(), content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail(why());
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd.get()) != 0) {
        fail(why());
    }
    if (::close(fd.release()) != 0) {
        fail(why());
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        fail(why());
    }
    sync_dir(dir);
}

void refuse_linked_folders(const fs::path& root, const fs::path& dir) {
    const fs::path rel = dir.lexically_relative(root);
    fs::path at = root;
    for (const auto& part : rel) {
        if (part == "." || part.empty()) {
            continue;
        }
        at /= part;
        struct stat st {};
        if (::lstat(at.c_str(), &st) != 0) {
            return;  // the rest is still to be made
        }
        if (S_ISLNK(st.st_mode) || !S_ISDIR(st.st_mode)) {
            throw Error(fmt::format(
                "{} is {}; owner never writes through it (see 'owner doctor')", at.string(),
                S_ISLNK(st.st_mode) ? "a symbolic link, not a folder of the store"
                                    : "not a folder"));
        }
    }
}

void make_private_dir(const fs::path& dir) {
    std::error_code ec;
    if (fs::is_directory(dir, ec)) {
        return;
    }
    if (dir.has_parent_path() && dir.parent_path() != dir) {
        make_private_dir(dir.parent_path());
    }
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
        throw Error(fmt::format("cannot create folder {}: {}", dir.string(), why()));
    }
}

FileLock::FileLock(const fs::path& path, int timeout_ms) {
    Fd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (fd.get() < 0) {
        throw Error(fmt::format("cannot open the lock file {}: {}", path.string(), why()));
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            throw Error(fmt::format("cannot lock {}: {}", path.string(), why()));
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            std::string holder = read_file(path).value_or("");
            while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) {
                holder.pop_back();
            }
            throw Error(
                fmt::format("store is locked by {} (lock file {}); try again when it is done",
                            holder.empty() ? "another owner process" : holder, path.string()),
                exit_locked);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    // Who holds the lock, for the message another process prints while it waits.
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
    const std::string who = fmt::format("pid {} since {}\n", ::getpid(), when);
    if (::ftruncate(fd.get(), 0) == 0) {
        [[maybe_unused]] auto n = ::pwrite(fd.get(), who.data(), who.size(), 0);
    }
    m_fd = fd.release();
}

FileLock::~FileLock() {
    if (m_fd >= 0) {
        ::flock(m_fd, LOCK_UN);
        ::close(m_fd);
    }
}

}  // namespace owner
