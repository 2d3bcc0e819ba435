// libFuzzer target: the importer itself (store/import, as `owner import` calls it). Bad input must
// end in one owner::Error whose message is one line naming the input; whatever it accepts must be
// cases whose ids cannot name another file and whose text passes the same check again. The same
// bytes go through the Taskwarrior reader (`import --format taskwarrior`) and its mapping to cases.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "domain/error.hpp"
#include "domain/taskwarrior.hpp"
#include "domain/text.hpp"
#include "store/import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    try {
        for (const auto& entry : owner::parse_import(bytes, "import")) {
            if (!owner::is_safe_id(entry.c.id) || owner::case_text_problem(entry.c)) {
                std::abort();  // accepted what the importer promises to refuse
            }
        }
    } catch (const owner::Error& e) {
        const std::string message = e.what();
        if (!message.starts_with("import") || message.find('\n') != std::string::npos) {
            std::abort();  // an error must be one line that names the input
        }
    }
    try {
        const auto tasks = owner::parse_taskwarrior(bytes, "import");
        const auto made = owner::cases_from_taskwarrior(tasks, owner::Timestamp{1795600000, 60},
                                                        owner::WorkCalendar());
        std::size_t actions = 0;
        for (const auto& c : made.cases) {
            actions += c.actions.size();
        }
        if (actions > tasks.size()) {
            std::abort();  // one action per task at most
        }
    } catch (const owner::Error& e) {
        const std::string message = e.what();
        if (!message.starts_with("import") || message.find('\n') != std::string::npos) {
            std::abort();
        }
    }
    return 0;
}
