// The libraries the program carries, compiled once here rather than linked as shared objects
// (src/CMakeLists.txt says why): every other file includes their declarations only.

// toml++: TOML_HEADER_ONLY=0 everywhere; this is its implementation.
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>

// fmt 9 (Debian 12): without FMT_HEADER_ONLY its functions are declared, and defined in
// format-inl.h; what format.h declares `extern template` is instantiated here, as fmt's own
// src/format.cc does. (Another fmt is used header-only: src/CMakeLists.txt.)
#ifndef FMT_HEADER_ONLY
#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {
template FMT_API auto dragonbox::to_decimal(float x) noexcept -> dragonbox::decimal_fp<float>;
template FMT_API auto dragonbox::to_decimal(double x) noexcept -> dragonbox::decimal_fp<double>;
template FMT_API locale_ref::locale_ref(const std::locale& loc);
template FMT_API auto locale_ref::get<std::locale>() const -> std::locale;
template FMT_API auto thousands_sep_impl(locale_ref) -> thousands_sep_result<char>;
template FMT_API auto decimal_point_impl(locale_ref) -> char;
template FMT_API void buffer<char>::append(const char*, const char*);
template FMT_API void vformat_to(buffer<char>&, string_view,
                                 basic_format_args<FMT_BUFFER_CONTEXT(char)>, locale_ref);
template FMT_API auto thousands_sep_impl(locale_ref) -> thousands_sep_result<wchar_t>;
template FMT_API auto decimal_point_impl(locale_ref) -> wchar_t;
template FMT_API void buffer<wchar_t>::append(const wchar_t*, const wchar_t*);
}  // namespace detail
FMT_END_NAMESPACE
#endif
