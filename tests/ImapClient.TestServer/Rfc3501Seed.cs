using System.Globalization;
using System.Text;

namespace ImapClient.TestServer;

/// <summary>
/// The mailbox behind RFC 3501 section 8's example session: user mrc/secret, 18 messages in INBOX, 1-16 \Seen and 17-18
/// unseen (so UNSEEN is 17), 17-18 \Recent, message 12 the RFC's "IMAP4rev1 WG mtg summary and minutes".
/// </summary>
public static class Rfc3501Seed
{
    /// <summary>The RFC's user.</summary>
    public const string User = "mrc";

    /// <summary>The RFC's password.</summary>
    public const string Password = "secret";

    /// <summary>The seeded mailbox.</summary>
    public const string Mailbox = "INBOX";

    /// <summary>How many messages INBOX holds.</summary>
    public const int MessageCount = 18;

    /// <summary>The sequence number of the first unseen message.</summary>
    public const int FirstUnseen = 17;

    /// <summary>The RFC's message's sequence number.</summary>
    public const int RfcMessageNumber = 12;

    /// <summary>The RFC's UIDVALIDITY.</summary>
    public const uint UidValidity = 3857529045;

    /// <summary>A POSIX TZ for the server under which INTERNALDATE reads "-0700" exactly as in the RFC.</summary>
    public const string TimeZone = "PDT+7";

    private static readonly TimeSpan Pdt = TimeSpan.FromHours(-7);

    private static readonly (string From, string Subject, string Text)[] Others =
    [
        ("Alice Lowe <alice@example.org>", "Lunch on Thursday?", "Are you free for lunch on Thursday? The usual place at noon."),
        ("Bob Marsh <bob@example.com>", "Build server is back", "The build server is back online after the disk replacement."),
        ("Carol Dunn <carol@example.net>", "Draft agenda for Montreal", "Here is a first cut of the agenda. Comments welcome."),
        ("Dave Lang <dave@example.org>", "Re: mailbox naming", "I agree that hierarchy delimiters should be discovered, not assumed."),
        ("Erin Brooks <erin@example.com>", "Expense reports", "Please send your June expense reports by Friday."),
        ("Frank Gill <frank@example.net>", "Timing measurements", "FETCH of 500 headers took 1.2 s over the modem link."),
        ("Grace Holt <grace@example.org>", "Compiler release notes", "The release notes for the new compiler are attached inline below."),
        ("Heidi Kern <heidi@example.com>", "Room booking", "Room 310 is booked for the design review on Tuesday."),
        ("Ivan Pavlik <ivan@example.net>", "Question about UID EXPUNGE", "Does UID EXPUNGE need a new capability, or is it implied?"),
        ("Judy Hale <judy@example.org>", "Mailing list moved", "The list has moved to the new host; please update your filters."),
        ("Ken Tanaka <ken@example.com>", "Re: LITERAL+ proposal", "Non-synchronizing literals would save a round trip per APPEND."),
        ("Linus Park <linus@example.net>", "Seminar reminder", "Reminder: the chemistry seminar starts at 4 pm today."),
        ("Mary Sutton <mary@example.org>", "Book club", "This month we read a novel about a lighthouse."),
        ("Ned Lowry <ned@example.com>", "Printer on 3rd floor", "The printer on the third floor is jammed. Do not use it."),
        ("Olivia Price <olivia@example.net>", "Press inquiry", "A journalist asked about our IMAP deployment. Can we talk?"),
        ("Peter Pratt <peter@example.org>", "Photos from the meeting", "The photos from the meeting are on the shared server."),
        ("Quinn Foster <quinn@example.com>", "New message from the test suite", "This message was sent by the automated test suite."),
    ];

    /// <summary>The RFC's message: its exact header and a plain-text body, CRLF line endings.</summary>
    public static ReadOnlyMemory<byte> Message12 { get; } = Rfc3501Message12.Bytes();

    /// <summary>Message 12's INTERNALDATE, 17-Jul-1996 02:44:25 -0700.</summary>
    public static DateTimeOffset Message12InternalDate { get; } = new(1996, 7, 17, 2, 44, 25, Pdt);

    /// <summary>The 18 messages in sequence order, fresh arrays on every call.</summary>
    public static IReadOnlyList<SeedMessage> CreateMessages()
    {
        var messages = new List<SeedMessage>(MessageCount);
        for (var number = 1; number <= MessageCount; number++)
        {
            // Dates ascend with the sequence numbers, three hours apart around message 12's.
            var internalDate = Message12InternalDate.AddHours(3 * (number - RfcMessageNumber));
            var content = number == RfcMessageNumber
                ? Message12.ToArray()
                : Other(number, Others[number < RfcMessageNumber ? number - 1 : number - 2], internalDate);
            messages.Add(new SeedMessage(content, internalDate, number < FirstUnseen ? "S" : ""));
        }

        return messages;
    }

    /// <summary>
    /// Fills <see cref="User"/>'s INBOX as in the RFC's session: UIDVALIDITY 3857529045 and only 17 and 18
    /// \Recent (one IMAP session selects INBOX between the two batches). Needs a fresh server.
    /// </summary>
    public static async Task SeedIntoAsync(DovecotServer server, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (!server.Users.ContainsKey(User))
        {
            throw new InvalidOperationException($"The server has no user '{User}'.");
        }

        var messages = CreateMessages();
        server.SetUidValidity(User, Mailbox, UidValidity);
        server.SeedMessages(User, Mailbox, messages.Take(FirstUnseen - 1));
        await server.ClearRecentAsync(User, Mailbox, cancellationToken).ConfigureAwait(false);
        server.SeedMessages(User, Mailbox, messages.Skip(FirstUnseen - 1));
    }

    private static byte[] Other(int number, (string From, string Subject, string Text) message, DateTimeOffset received)
    {
        var c = CultureInfo.InvariantCulture;
        var sent = received.AddMinutes(-21);
        var text = $"""
            Date: {sent.ToString("ddd, d MMM yyyy HH:mm:ss", c)} -0700
            From: {message.From}
            Subject: {message.Subject}
            To: Mark Crispin <mrc@cac.washington.edu>
            Message-Id: <rfc3501-seed-{number.ToString(c)}@example.org>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=us-ascii

            {message.Text}

            """;
        return Encoding.ASCII.GetBytes(text.ReplaceLineEndings("\r\n"));
    }
}
