#pragma once

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

#include "domain/time.hpp"

// Sets TZ for one test and restores it afterwards.
class ZoneGuard {
  public:
    explicit ZoneGuard(const char* tz) {
        if (const char* old = std::getenv("TZ")) {
            m_old = old;
        }
        ::setenv("TZ", tz, 1);
        ::tzset();
        owner::time_zone_changed();
    }
    ~ZoneGuard() {
        if (m_old) {
            ::setenv("TZ", m_old->c_str(), 1);
        } else {
            ::unsetenv("TZ");
        }
        ::tzset();
        owner::time_zone_changed();
    }

  private:
    std::optional<std::string> m_old;
};

inline owner::Timestamp ts(const char* text) {
    return *owner::parse_rfc3339(text);
}
