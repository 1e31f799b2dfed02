#if canImport(Glibc)
import Glibc
#endif

/// Hands memory freed by a finished stage back to the system.
enum MemoryRelease {
    /// glibc keeps freed memory in its per-thread arenas; `malloc_trim` returns the free pages,
    /// so that the next stage starts from the live set rather than from the high-water mark
    /// of the one before. (Looked up at run time: Swift's Glibc module does not export
    /// `malloc.h`.)
    static func returnFreedMemory() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        }
        #endif
    }
}
