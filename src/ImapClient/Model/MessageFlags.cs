using System.Text;
using System.Text.Json.Serialization;

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
        : this(system, allowsNewKeywords: false, Normalize(keywords))
    {
    }

    /// <summary>
    /// Creates a flag set with every property given: the one a serializer reads back (System.Text.Json binds this
    /// constructor, with or without a source-generated context), e.g. inside a stored
    /// <see cref="Sync.MailboxSyncState"/>.
    /// </summary>
    /// <param name="system">The system flags.</param>
    /// <param name="keywords">
    /// The keywords, as a server sent them (null for none); duplicates are removed, case-insensitively. They are not
    /// checked here, so that whatever a server sent can be stored and read back; a keyword a client may not send is
    /// refused when a command would write it.
    /// </param>
    /// <param name="allowsNewKeywords">Whether the set held <c>\*</c> (see <see cref="AllowsNewKeywords"/>).</param>
    /// <exception cref="ArgumentException">A keyword is null or empty.</exception>
    [JsonConstructor]
    public MessageFlags(SystemFlags system, IReadOnlyList<string>? keywords, bool allowsNewKeywords)
        : this(system, allowsNewKeywords, Deduplicate(keywords))
    {
    }

    // The parser's path: the keywords as read, kept without a copy. (Parameter order differs from the public
    // constructor above, which has the same types.)
    private MessageFlags(SystemFlags system, bool allowsNewKeywords, IReadOnlyList<string> keywords)
    {
        System = system;
        Keywords = keywords;
        AllowsNewKeywords = allowsNewKeywords;
    }

    /// <summary>A flag set as the response parser read it: the keywords list is taken over as it is.</summary>
    internal static MessageFlags FromServer(SystemFlags system, IReadOnlyList<string> keywords, bool allowsNewKeywords) =>
        new(system, allowsNewKeywords, keywords);

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
        (uint)system < (uint)SystemOnly.Length ? SystemOnly[(int)system] : new MessageFlags(system, allowsNewKeywords: false, NoKeywords);

    private static MessageFlags[] CreateSystemOnly()
    {
        var all = new MessageFlags[64];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = new MessageFlags((SystemFlags)i, allowsNewKeywords: false, NoKeywords);
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

    private static string[] Deduplicate(IReadOnlyList<string>? keywords)
    {
        if (keywords is null || keywords.Count == 0)
        {
            return NoKeywords;
        }

        var list = new List<string>(keywords.Count);
        foreach (var k in keywords)
        {
            ArgumentException.ThrowIfNullOrEmpty(k, nameof(keywords));
            if (!list.Exists(x => string.Equals(x, k, StringComparison.OrdinalIgnoreCase)))
            {
                list.Add(k);
            }
        }

        return [.. list];
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
            if (!FlagSyntax.IsValidFlag(k))
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
