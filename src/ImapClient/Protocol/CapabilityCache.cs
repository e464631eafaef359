namespace ImapClient.Protocol;

/// <summary>
/// Hands out one <see cref="ImapCapabilities"/> for every connection that receives the same capability list, so that
/// a process with many connections to one server keeps the server's 40-odd capability atoms (their strings and two
/// hash sets, 2-3 KB) once rather than once per connection. The sets are immutable, so sharing them is safe.
/// </summary>
internal static class CapabilityCache
{
    // A few lists per server are usual (before and after sign-in, after STARTTLS); a handful of servers per process.
    private const int Slots = 8;
    private static readonly Entry?[] Entries = new Entry?[Slots];
    private static int _next;

    public static ImapCapabilities Get(List<string> atoms)
    {
        for (var i = 0; i < Slots; i++)
        {
            // Slots are replaced whole, never changed: a racing reader sees the old entry or the new one.
            if (Volatile.Read(ref Entries[i]) is { } found && found.Matches(atoms))
            {
                return found.Capabilities;
            }
        }

        var created = new ImapCapabilities(atoms);
        var slot = (int)((uint)Interlocked.Increment(ref _next) % Slots);
        Volatile.Write(ref Entries[slot], new Entry([.. atoms], created));
        return created;
    }

    private sealed record Entry(string[] Atoms, ImapCapabilities Capabilities)
    {
        public bool Matches(List<string> atoms)
        {
            if (atoms.Count != Atoms.Length)
            {
                return false;
            }

            for (var i = 0; i < Atoms.Length; i++)
            {
                if (!string.Equals(atoms[i], Atoms[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
