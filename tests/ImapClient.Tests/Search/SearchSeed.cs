using System.Globalization;
using System.Text;
using ImapClient.TestServer;

namespace ImapClient.Tests.Search;

/// <summary>
/// One seeded message of the search tests, described by the facts the searches are checked against. The message
/// bytes are built from these facts, so every expected result is computed here, never read back from the server.
/// </summary>
public sealed record SearchMail(
    int Number,
    string FromName,
    string FromAddress,
    string To,
    string Subject,
    string Body,
    DateTimeOffset Sent,
    DateTimeOffset Internal,
    string Flags = "",
    string[]? Keywords = null,
    string? Cc = null,
    string? Bcc = null,
    int[]? References = null,
    string? Priority = null,
    int PaddingLines = 0,
    bool Recent = false)
{
    public IReadOnlyList<string> KeywordList => Keywords ?? [];

    /// <summary>The message this one replies to (the last of its references), or null.</summary>
    public int? ReplyTo => References is [.., var parent] ? parent : null;

    public bool Seen => Flags.Contains('S', StringComparison.Ordinal);

    public bool Answered => Flags.Contains('R', StringComparison.Ordinal);

    public bool Flagged => Flags.Contains('F', StringComparison.Ordinal);

    public bool Deleted => Flags.Contains('T', StringComparison.Ordinal);

    public bool Draft => Flags.Contains('D', StringComparison.Ordinal);

    public string MessageId => $"<m{Number}@search.example.org>";

    /// <summary>The local part of the From address, which SORT (FROM) compares.</summary>
    public string FromMailbox => FromAddress[..FromAddress.IndexOf('@', StringComparison.Ordinal)];

    /// <summary>The subject without reply prefixes, as SORT (SUBJECT) and ORDEREDSUBJECT compare it (RFC 5256 section 2.1).</summary>
    public string BaseSubject
    {
        get
        {
            var subject = Subject;
            while (subject.StartsWith("Re: ", StringComparison.OrdinalIgnoreCase))
            {
                subject = subject[4..];
            }

            return subject;
        }
    }

    public byte[] Bytes => Encoding.UTF8.GetBytes(Text(decodedSubject: false));

    public long Size => Bytes.Length;

    /// <summary>What TEXT searches: the header (the subject decoded, as servers match it) and the body.</summary>
    public string SearchableText => Text(decodedSubject: true);

    public SeedMessage ToSeed() => new(Bytes, Internal, Flags);

    private string Text(bool decodedSubject)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"From: {FromName} <{FromAddress}>\r\nTo: {To}\r\n");
        if (Cc is not null)
        {
            text.Append(c, $"Cc: {Cc}\r\n");
        }

        if (Bcc is not null)
        {
            text.Append(c, $"Bcc: {Bcc}\r\n");
        }

        var subject = decodedSubject || Ascii.IsValid(Subject) ? Subject : $"=?UTF-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(Subject))}?=";
        text.Append(c, $"Subject: {subject}\r\n");
        text.Append(c, $"Date: {Sent.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss", c)} +0000\r\n");
        text.Append(c, $"Message-ID: {MessageId}\r\n");
        if (References is { } references)
        {
            text.Append(c, $"In-Reply-To: <m{ReplyTo}@search.example.org>\r\n");
            text.Append(c, $"References: {string.Join(' ', references.Select(n => $"<m{n}@search.example.org>"))}\r\n");
        }

        if (Priority is not null)
        {
            text.Append(c, $"X-Priority: {Priority}\r\n");
        }

        text.Append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
        text.Append(Body).Append("\r\n");
        for (var i = 0; i < PaddingLines; i++)
        {
            text.Append('~', 70).Append("\r\n");
        }

        return text.ToString();
    }
}

/// <summary>
/// The mailbox the search tests use. Messages 1 to 8 are seeded and selected once elsewhere (so they are not recent);
/// 9 and 10 arrive afterwards and are recent in the tests' session. Sent and arrival times both rise with the
/// number, but some messages arrive days after they were sent, so the date keys on the two give different answers.
/// </summary>
internal static class SearchSeed
{
    private static readonly TimeSpan ServerZone = TimeSpan.FromHours(-7); // DovecotFixture runs Dovecot at PDT+7

    public static IReadOnlyList<SearchMail> Mails { get; } =
    [
        new(1, "Alice Lowe", "alice@example.org", "Bob Marsh <bob@example.com>", "Lunch on Thursday",
            "Are you free for lunch on Thursday? The usual place.", Sent(1, 1), Arrived(1), Flags: "S"),
        new(2, "Bob Marsh", "bob@example.com", "Alice Lowe <alice@example.org>", "Re: Lunch on Thursday",
            "Thursday works for me.", Sent(2, 2), Arrived(2), Flags: "SR", Cc: "Carol Dunn <carol@example.net>", References: [1]),
        new(3, "Carol Dunn", "carol@example.net", "Team <team@example.org>", "Quarterly report",
            "The quarterly figures are attached below.", Sent(3, 3), Arrived(5), Flags: "F", Keywords: ["$Work"],
            Bcc: "Dave Lang <dave@example.org>", PaddingLines: 70),
        new(4, "Dave Lang", "dave@example.org", "Team <team@example.org>", "Grüße aus München",
            "Viele Grüße vom Oktoberfest!", Sent(4, 4), Arrived(6)),
        new(5, "Erin Brooks", "erin@example.com", "Team <team@example.org>", "Draft: plans for spring",
            "Some early thoughts on the spring offsite.", Sent(7, 5), Arrived(7), Flags: "D", PaddingLines: 3),
        new(6, "Frank Gill", "frank@example.net", "Team <team@example.org>", "Delete me",
            "An obsolete notice.", Sent(8, 6), Arrived(9), Flags: "T", PaddingLines: 1),
        new(7, "Alice Lowe", "alice@example.org", "Bob Marsh <bob@example.com>", "Re: Re: Lunch on Thursday",
            "See you at noon then.", Sent(9, 7), Arrived(10), Keywords: ["$Work", "$Later"], References: [1, 2], PaddingLines: 2),
        new(8, "Grace Holt", "grace@example.org", "Team <team@example.org>", "Photos from the offsite",
            "The photos are on the shared drive.", Sent(12, 8), Arrived(12), Flags: "SF", Priority: "1", PaddingLines: 280),
        new(9, "Heidi Kern", "heidi@example.com", "Team <team@example.org>", "New arrival",
            "Fresh in the mailbox.", Sent(14, 9), Arrived(15), Recent: true, PaddingLines: 5),
        new(10, "Ivan Pavlik", "ivan@example.net", "Team <team@example.org>", "Another new one",
            "Also fresh, but already read.", Sent(15, 10), Arrived(16), Flags: "S", Recent: true, PaddingLines: 4),
    ];

    /// <summary>Sent on 2024-03-<paramref name="day"/>, at a time that rises with the message number.</summary>
    private static DateTimeOffset Sent(int day, int number) => new(2024, 3, day, 10, number, 0, TimeSpan.Zero);

    /// <summary>Arrived at noon of 2024-03-<paramref name="day"/> in the server's time zone, far from any day boundary.</summary>
    private static DateTimeOffset Arrived(int day) => new(2024, 3, day, 12, 0, 0, ServerZone);
}
