using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ImapClient;

/// <summary>
/// COPYUID's pairing of two uid-sets, number by number, computed from their ranges rather than expanded: a server's
/// <c>1:4000000000</c> costs nothing until someone enumerates it.
/// </summary>
internal sealed class UidMap(SequenceSet source, SequenceSet destination) : IReadOnlyDictionary<uint, uint>
{
    /// <summary>The number of pairs; the parser made sure both sets hold the same number, at most <see cref="int.MaxValue"/>.</summary>
    public int Count { get; } = (int)Math.Min(source.Count, int.MaxValue);

    public uint this[uint key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"UID {key} was not among the copied messages.");

    public IEnumerable<uint> Keys => Expand(source);

    public IEnumerable<uint> Values => Expand(destination);

    public bool ContainsKey(uint key) => IndexOf(source, key) >= 0;

    public bool TryGetValue(uint key, [MaybeNullWhen(false)] out uint value)
    {
        var index = IndexOf(source, key);
        value = index >= 0 ? At(destination, index) : 0;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<uint, uint>> GetEnumerator()
    {
        using var values = Values.GetEnumerator();
        foreach (var key in Keys)
        {
            values.MoveNext();
            yield return new(key, values.Current);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static long IndexOf(SequenceSet set, uint number)
    {
        var offset = 0L;
        foreach (var (start, end) in set.Ranges)
        {
            if (number >= start && number <= end)
            {
                return offset + (number - start);
            }

            offset += (long)end - start + 1;
        }

        return -1;
    }

    private static uint At(SequenceSet set, long index)
    {
        foreach (var (start, end) in set.Ranges)
        {
            var length = (long)end - start + 1;
            if (index < length)
            {
                return (uint)(start + index);
            }

            index -= length;
        }

        throw new InvalidOperationException("The destination set holds fewer UIDs than the source set.");
    }

    private static IEnumerable<uint> Expand(SequenceSet set)
    {
        foreach (var (start, end) in set.Ranges)
        {
            for (var n = start; ; n++)
            {
                yield return n;
                if (n == end)
                {
                    break;
                }
            }
        }
    }
}
