#include "store/folder.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <system_error>
#include <utility>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "domain/error.hpp"

namespace owner {

void throw_cannot_read_folder(const std::filesystem::path& dir, int error) {
    throw Error(fmt::format("cannot read the folder {}: {}", dir.string(),
                            std::generic_category().message(error)));
}

std::optional<FileIdentity> file_identity_at(int dir_fd, const char* name) {
    struct stat st {};
    if (::fstatat(dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        return std::nullopt;
    }
    return FileIdentity{static_cast<std::uint64_t>(st.st_dev),
                        static_cast<std::uint64_t>(st.st_ino),
                        static_cast<std::uint64_t>(st.st_size),
                        st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec,
                        st.st_ctim.tv_sec * 1000000000LL + st.st_ctim.tv_nsec};
}

FolderListing::FolderListing(std::filesystem::path dir, Listed what) : m_dir(std::move(dir)) {
    m_prefix = m_dir.native();
    if (!m_prefix.ends_with('/')) {
        m_prefix += '/';
    }
    DIR* d = ::opendir(m_dir.c_str());
    if (d == nullptr) {
        if (errno == ENOENT) {
            return;
        }
        throw_cannot_read_folder(m_dir, errno);
    }
    // The listing owns a descriptor of its own, so that it outlives the DIR stream.
    m_fd = ::fcntl(::dirfd(d), F_DUPFD_CLOEXEC, 0);
    if (m_fd < 0) {
        const int error = errno;
        ::closedir(d);
        throw_cannot_read_folder(m_dir, error);
    }
    const std::size_t cut = what == Listed::case_files ? 5 : 0;  // sorted by id: without .toml
    int error = 0;
    try {  // a half-made listing runs no destructor: close what it opened
        for (;;) {
            errno = 0;
            const dirent* e = ::readdir(d);
            if (e == nullptr) {
                error = errno;
                break;
            }
            const std::string_view name(e->d_name);
            bool keep = false;
            if (what == Listed::case_files) {
                keep = name.size() > 5 && name.ends_with(".toml") && !name.starts_with(".");
            } else if (name != "." && name != "..") {
                if (e->d_type == DT_UNKNOWN) {  // some file systems do not say: ask
                    struct stat st {};
                    keep = ::fstatat(m_fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                           S_ISDIR(st.st_mode);
                } else {
                    keep = e->d_type == DT_DIR;
                }
            }
            if (keep) {
                if (m_text.size() + name.size() + 1 > UINT32_MAX) {
                    throw_cannot_read_folder(m_dir, EOVERFLOW);
                }
                const std::string_view sorted = name.substr(0, name.size() - cut);
                std::uint64_t key = 0;
                for (std::size_t i = 0; i < 8; ++i) {
                    key =
                        key << 8 | (i < sorted.size() ? static_cast<unsigned char>(sorted[i]) : 0U);
                }
                m_spans.push_back({key, static_cast<std::uint32_t>(m_text.size()),
                                   static_cast<std::uint32_t>(name.size())});
                m_text.append(name).push_back('\0');
            }
        }
    } catch (...) {
        ::closedir(d);
        ::close(m_fd);
        throw;
    }
    ::closedir(d);
    if (error != 0) {
        ::close(m_fd);
        m_fd = -1;
        throw_cannot_read_folder(m_dir, error);
    }
    const std::string_view text = m_text;
    std::sort(m_spans.begin(), m_spans.end(), [&](const Span& a, const Span& b) {
        if (a.key != b.key) {
            return a.key < b.key;
        }
        return text.substr(a.start, a.size - cut) < text.substr(b.start, b.size - cut);
    });
}

FolderListing::~FolderListing() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

FolderListing::FolderListing(FolderListing&& other) noexcept
    : m_dir(std::move(other.m_dir)), m_prefix(std::move(other.m_prefix)),
      m_fd(std::exchange(other.m_fd, -1)), m_text(std::move(other.m_text)),
      m_spans(std::move(other.m_spans)) {}

std::optional<FileIdentity> FolderListing::identity(std::size_t i) const {
    if (m_fd < 0) {
        return std::nullopt;
    }
    return file_identity_at(m_fd, (*this)[i].data());
}

namespace {
// Below this, a thread costs more than the calls it would share.
constexpr std::size_t kIdentitiesOnThreadFrom = 256;
}  // namespace

ListingIdentities::ListingIdentities(const FolderListing& files)
    : m_files(files), m_ids(files.size()) {
    if (files.size() < kIdentitiesOnThreadFrom) {
        return;
    }
    m_states = std::make_unique<std::atomic<std::uint8_t>[]>(files.size());
    try {
        m_worker = std::thread([this] { look_ahead(); });
    } catch (const std::system_error&) {
        m_states.reset();  // no thread to be had: the caller looks at each entry itself
    }
}

ListingIdentities::~ListingIdentities() {
    if (m_worker.joinable()) {
        m_worker.join();
    }
}

void ListingIdentities::look_ahead() {
    // From the last entry back, so that the two threads meet once, in the middle, instead of
    // racing for the same next entry all the way (at 2 000 cases that was a futex call and a
    // sched_yield per entry).
    for (std::size_t i = m_ids.size(); i-- > 0;) {
        std::uint8_t expected = free;
        if (!m_states[i].compare_exchange_strong(expected, claimed, std::memory_order_acq_rel)) {
            return;  // the caller got here: it has claimed every entry before this one
        }
        m_ids[i] = m_files.identity(i);
        m_states[i].store(done, std::memory_order_release);
        m_states[i].notify_one();
    }
}

std::optional<FileIdentity> ListingIdentities::get(std::size_t i) {
    if (!m_states) {
        return m_files.identity(i);
    }
    std::uint8_t state = free;
    if (m_states[i].compare_exchange_strong(state, claimed, std::memory_order_acq_rel)) {
        return m_files.identity(i);
    }
    while (state != done) {  // the second thread is looking at this one now
        m_states[i].wait(state, std::memory_order_acquire);
        state = m_states[i].load(std::memory_order_acquire);
    }
    return m_ids[i];
}

}  // namespace owner
