using System.Buffers;

namespace ImapClient.Tests.Infrastructure;

/// <summary>Builds multi-segment sequences, so that parsers meet tokens split across buffer boundaries as the pipe delivers them.</summary>
internal static class Segments
{
    /// <summary>Splits <paramref name="data"/> into linked segments of <paramref name="segmentSize"/> bytes (the last may be shorter).</summary>
    internal static ReadOnlySequence<byte> Split(byte[] data, int segmentSize)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(segmentSize);
        if (data.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        Segment? first = null;
        Segment? last = null;
        for (var offset = 0; offset < data.Length; offset += segmentSize)
        {
            // Each segment gets its own array: a parser that reads past a segment end must not find the next bytes there.
            var chunk = data.AsSpan(offset, Math.Min(segmentSize, data.Length - offset)).ToArray();
            last = last is null ? new Segment(chunk, 0) : last.Append(chunk);
            first ??= last;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    /// <summary>Splits <paramref name="data"/> in two at <paramref name="offset"/> (either part may be empty).</summary>
    internal static ReadOnlySequence<byte> SplitAt(byte[] data, int offset)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, data.Length);
        var first = new Segment(data.AsSpan(0, offset).ToArray(), 0);
        var second = first.Append(data.AsSpan(offset).ToArray());
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
