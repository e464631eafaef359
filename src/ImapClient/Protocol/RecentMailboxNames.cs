using System.Text;

namespace ImapClient.Protocol;

/// <summary>
/// The mailbox names this thread decoded lately, by their wire form: an application lists the same mailboxes again
/// and again, and a LIST of thousands then reuses each name instead of making (and keeping until the command ends) a
/// new string for it. Per thread, so no lock; bounded, so a server with ever new names cannot grow it without end.
/// </summary>
/// <remarks>
/// A server lists the same mailboxes in the same order each time, so the name after the one just found is tried
/// first: one compare against the next entry in the order they were first seen, with no hash. Otherwise a hash table
/// finds it (seeded per process by <see cref="HashCode"/>, so a server cannot choose names that collide). Either way
/// the wire bytes are compared as they are: no characters are made for a name seen before.
/// </remarks>
internal sealed class RecentMailboxNames
{
    /// <summary>At most this many names; all are forgotten when a new one would exceed it.</summary>
    public const int MaxNames = 8192;

    /// <summary>Longer wire forms are decoded every time (never seen in practice for a name worth keeping).</summary>
    public const int MaxWireLength = 256;

    private const int InitialSize = 32;

    [ThreadStatic]
    private static RecentMailboxNames? _modifiedUtf7Names;

    [ThreadStatic]
    private static RecentMailboxNames? _utf8Names;

    private readonly bool _utf8;

    // The names in the order they were first seen. Wire is the name itself for a plain name, so the common case
    // keeps one string per mailbox.
    private Entry[] _entries = new Entry[InitialSize];
    private int _count;

    // Open addressing, linear probing, at most half full: entry index + 1, 0 for an empty slot.
    private int[] _slots = new int[InitialSize * 2];

    // The entry expected next: the one after the last found.
    private int _next;

    private RecentMailboxNames(bool utf8) => _utf8 = utf8;

    /// <summary>This thread's names for one way of writing them (modified UTF-7, or UTF-8 once agreed).</summary>
    public static RecentMailboxNames ForCurrentThread(bool utf8) =>
        utf8 ? _utf8Names ??= new RecentMailboxNames(utf8: true) : _modifiedUtf7Names ??= new RecentMailboxNames(utf8: false);

    /// <summary>
    /// The decoded name for this wire form (ASCII, at most <see cref="MaxWireLength"/> bytes), decoding it only when
    /// not seen lately.
    /// </summary>
    public string Get(ReadOnlySpan<byte> wire)
    {
        if (_next < _count && Ascii.Equals(wire, _entries[_next].Wire))
        {
            return _entries[_next++].Name;
        }

        var hash = Hash(wire);
        var mask = _slots.Length - 1;
        for (var at = hash & mask; _slots[at] != 0; at = (at + 1) & mask)
        {
            var index = _slots[at] - 1;
            if (_entries[index].Hash == hash && Ascii.Equals(wire, _entries[index].Wire))
            {
                _next = index + 1;
                return _entries[index].Name;
            }
        }

        Span<char> chars = stackalloc char[MaxWireLength];
        chars = chars[..Encoding.Latin1.GetChars(wire, chars)];
        var name = MailboxName.FromWire(chars, _utf8);
        Add(new Entry(hash, chars.SequenceEqual(name) ? name : new string(chars), name));
        return name;
    }

    private void Add(Entry entry)
    {
        if (_count == MaxNames)
        {
            Array.Clear(_entries);
            Array.Clear(_slots);
            _count = 0;
        }
        else if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _count * 2);
            _slots = new int[_entries.Length * 2];
            for (var i = 0; i < _count; i++)
            {
                Place(_entries[i].Hash, i);
            }
        }

        _entries[_count] = entry;
        Place(entry.Hash, _count);
        _next = ++_count;
    }

    private void Place(int hash, int index)
    {
        var mask = _slots.Length - 1;
        var at = hash & mask;
        while (_slots[at] != 0)
        {
            at = (at + 1) & mask;
        }

        _slots[at] = index + 1;
    }

    private static int Hash(ReadOnlySpan<byte> wire)
    {
        var hash = default(HashCode);
        hash.AddBytes(wire);
        return hash.ToHashCode() & int.MaxValue;
    }

    private readonly record struct Entry(int Hash, string Wire, string Name);
}
