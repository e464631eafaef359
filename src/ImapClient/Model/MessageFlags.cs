using System.Text;

namespace ImapClient;

/// <summary>A set of message flags: system flags plus keywords (custom flags).</summary>
public sealed class MessageFlags : IEquatable<MessageFlags>
{
    private static readonly string[] NoKeywords = [];

    /// <summary>Creates a flag set.</summary>
    /// <param name="system">The system flags.</param>
    /// <param name="keywords">
    /// Keywords such as <c>$Forwarded</c> (see <see cref="MessageKeywords"/>), or extension flags <c>\Name</c> as a
    /// server reported them; duplicates are removed, case-insensitively.
    /// </param>
    /// <exception cref="ArgumentException">A keyword is not an atom (spaces, parentheses, quotes, non-ASCII …), or is <c>\*</c> or <c>\Recent</c>.</exception>
    public MessageFlags(SystemFlags system, IEnumerable<string>? keywords = null)
        : this(system, Normalize(keywords), allowsNewKeywords: false)
    {
    }

    internal MessageFlags(SystemFlags system, IReadOnlyList<string> keywords, bool allowsNewKeywords)
    {
        System = system;
        Keywords = keywords;
        AllowsNewKeywords = allowsNewKeywords;
    }

    // Flag sets are immutable, and nearly every message carries system flags only: one shared instance per combination.
    private static readonly MessageFlags[] SystemOnly = CreateSystemOnly();

    /// <summary>An empty flag set.</summary>
    public static MessageFlags Empty => SystemOnly[0];

    /// <summary>The system flags.</summary>
    public SystemFlags System { get; }

    /// <summary>The keywords, in the order the server sent them.</summary>
    public IReadOnlyList<string> Keywords { get; }

    /// <summary>True when the set held <c>\*</c> (in PERMANENTFLAGS: the client may create new keywords).</summary>
    public bool AllowsNewKeywords { get; }

    internal static MessageFlags ForSystem(SystemFlags system) =>
        (uint)system < (uint)SystemOnly.Length ? SystemOnly[(int)system] : new MessageFlags(system, NoKeywords, false);

    private static MessageFlags[] CreateSystemOnly()
    {
        var all = new MessageFlags[64];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = new MessageFlags((SystemFlags)i, NoKeywords, false);
        }

        return all;
    }

    /// <summary>True when the set holds <paramref name="flag"/>.</summary>
    /// <param name="flag">One or more system flags.</param>
    /// <returns>Whether every flag given is set.</returns>
    public bool Contains(SystemFlags flag) => (System & flag) == flag;

    /// <summary>True when the set holds the keyword (compared case-insensitively, as IMAP does).</summary>
    /// <param name="keyword">The keyword.</param>
    /// <returns>Whether the keyword is present.</returns>
    public bool Contains(string keyword)
    {
        foreach (var k in Keywords)
        {
            if (string.Equals(k, keyword, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public bool Equals(MessageFlags? other)
    {
        if (other is null || other.System != System || other.AllowsNewKeywords != AllowsNewKeywords || other.Keywords.Count != Keywords.Count)
        {
            return false;
        }

        foreach (var k in Keywords)
        {
            if (!other.Contains(k))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MessageFlags);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(System, Keywords.Count, AllowsNewKeywords);

    /// <summary>The flags in IMAP syntax, e.g. <c>\Seen \Deleted $Forwarded</c>.</summary>
    /// <returns>The flags separated by spaces.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var (flag, name) in SystemFlagNames.All)
        {
            if ((System & flag) != 0)
            {
                Append(sb, name);
            }
        }

        foreach (var k in Keywords)
        {
            Append(sb, k);
        }

        if (AllowsNewKeywords)
        {
            Append(sb, "\\*");
        }

        return sb.ToString();

        static void Append(StringBuilder sb, string s)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(s);
        }
    }

    private static string[] Normalize(IEnumerable<string>? keywords)
    {
        if (keywords is null)
        {
            return NoKeywords;
        }

        var list = new List<string>();
        foreach (var k in keywords)
        {
            ArgumentException.ThrowIfNullOrEmpty(k, nameof(keywords));
            if (!Protocol.CommandBuilder.IsValidFlag(k))
            {
                throw new ArgumentException($"\"{k}\" is not a valid IMAP keyword (an atom without spaces or specials).", nameof(keywords));
            }

            if (!list.Exists(x => string.Equals(x, k, StringComparison.OrdinalIgnoreCase)))
            {
                list.Add(k);
            }
        }

        return [.. list];
    }
}
