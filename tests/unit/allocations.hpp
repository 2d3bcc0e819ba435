#pragma once

#include <cstddef>

// How many times operator new was called in this process so far (allocations.cpp replaces the
// global operator new of the unit tests to count): for the tests that hold work done for every
// case to no allocation, or to a bound.
namespace test {

std::size_t allocations();

// The allocations made while it lived.
class AllocationCounter {
  public:
    AllocationCounter() : m_start(allocations()) {}
    std::size_t count() const { return allocations() - m_start; }

  private:
    std::size_t m_start;
};

}  // namespace test
