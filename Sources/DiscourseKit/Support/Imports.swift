// The library and the command-line tool use FoundationEssentials where it exists (Linux):
// full Foundation carries its own copy of ICU and costs a process about 7 MB of memory
// before it reads anything. The C library comes in for math and POSIX file calls.
#if canImport(FoundationEssentials)
@_exported import FoundationEssentials
#else
@_exported import Foundation
#endif
@_exported import Dispatch
#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Darwin)
@_exported import Darwin
#endif
