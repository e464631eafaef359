using System.Buffers;

namespace ImapClient.Protocol;

/// <summary>
/// Keeps the bytes of values that are parsed only when the caller reads them (ENVELOPE, BODYSTRUCTURE). The pipe's
/// buffers are returned once a response is consumed, so the bytes are copied out; packing many small values into
/// shared chunks costs one allocation per chunk instead of one per value. A chunk's bytes are never written again
/// once handed out, so readers on other threads need no lock. Used by the reader loop only.
/// </summary>
internal sealed class RawValueArena
{
    // Small enough that one message kept alive does not pin much of a big FETCH, and below the large-object heap.
    private const int ChunkSize = 16 * 1024;
    private const int LargestShared = ChunkSize / 4;

    private byte[]? _chunk;
    private int _used;

    /// <summary>Copies <paramref name="bytes"/> into the arena (or into an array of its own when the arena is null).</summary>
    public static ReadOnlyMemory<byte> Copy(RawValueArena? arena, in ReadOnlySequence<byte> bytes) =>
        arena is null ? bytes.ToArray() : arena.Copy(bytes);

    private ReadOnlyMemory<byte> Copy(in ReadOnlySequence<byte> bytes)
    {
        var length = (int)bytes.Length;
        if (length > LargestShared)
        {
            return bytes.ToArray();
        }

        if (_chunk is null || ChunkSize - _used < length)
        {
            _chunk = GC.AllocateUninitializedArray<byte>(ChunkSize);
            _used = 0;
        }

        var target = _chunk.AsMemory(_used, length);
        bytes.CopyTo(target.Span);
        _used += length;
        return target;
    }
}
