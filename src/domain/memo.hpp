#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

// The one memo of owner's hot paths (performance rules in ARCHITECTURE.md).
namespace owner {

// A direct-mapped memo: slot `key % N` remembers the value of one key, made under one tag (the
// time zone's generation, where the value depends on it). A lookup is a compare; a miss, or
// another key sharing the slot, is worked out again by the caller and replaces it. The slots are
// made on first use. A memo belongs to whoever asks (a view being built, a scan, a thread), is
// never shared between threads, and holds values, never views into what it was asked about.
template <typename Value, std::size_t N> class SlotMemo {
  public:
    // The value remembered for `key` under `tag`, or nullptr. Valid until the next call.
    Value* find(std::int64_t key, std::uint32_t tag = 0) {
        if (m_slots.empty()) {
            return nullptr;
        }
        Slot& slot = m_slots[index(key)];
        return slot.key == key && slot.tag == tag ? &slot.value : nullptr;
    }
    // Remembers `value` for `key` under `tag` in place of what its slot held.
    Value& remember(std::int64_t key, Value value, std::uint32_t tag = 0) {
        Slot& slot = at(key);
        slot = Slot{key, tag, std::move(value)};
        return slot.value;
    }
    // The value remembered for `key`, else a Value{} in its slot for the caller to fill in as
    // parts of it are asked for.
    Value& operator[](std::int64_t key) {
        Slot& slot = at(key);
        if (slot.key != key || slot.tag != 0) {
            slot = Slot{key, 0, Value{}};
        }
        return slot.value;
    }

  private:
    // No key is this: an empty slot. (Keys are days, minutes or seconds of supported dates.)
    static constexpr std::int64_t kNoKey = std::numeric_limits<std::int64_t>::min();
    struct Slot {
        std::int64_t key = kNoKey;
        std::uint32_t tag = 0;
        Value value{};
    };
    static std::size_t index(std::int64_t key) {
        return static_cast<std::size_t>(static_cast<std::uint64_t>(key) % N);
    }
    Slot& at(std::int64_t key) {
        if (m_slots.empty()) {
            m_slots.resize(N);
        }
        return m_slots[index(key)];
    }
    std::vector<Slot> m_slots;
};

}  // namespace owner
