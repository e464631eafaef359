using MailKit;
using MimeKit;

namespace ImapClient.Benchmarks.Workloads;

/// <summary>
/// The message list: the summaries FETCH, then every value a mail client's message list shows, read from each
/// message. Both libraries fold the same values in the same order into <see cref="ListChecksum"/>, so the quick run
/// can check that they read the same list, and the work cannot be skipped.
/// </summary>
/// <remarks>
/// Read per message: UID, system flags, INTERNALDATE, RFC822.SIZE, the envelope's date, subject, every From, To and
/// Cc name and address (group members included), Message-Id and In-Reply-To (without their angle brackets: MailKit
/// drops them), the body's MIME type, and whether it has an attachment: any body part, at any depth, whose
/// Content-Disposition is <c>attachment</c>.
/// </remarks>
internal static class MessageList
{
    /// <param name="imap">The connection, INBOX selected.</param>
    /// <param name="count">The number of messages.</param>
    /// <param name="parseWhileReceiving">
    /// Whether the FETCH parses envelopes and body structures as the responses arrive (what a list should ask for);
    /// false measures the same list parsed on first read, after the transfer.
    /// </param>
    public static async Task<ulong> OursAsync(ImapConnection imap, int count, bool parseWhileReceiving = true)
    {
        var sum = new ListChecksum();
        var request = parseWhileReceiving ? Clients.OursListSummaries : Clients.OursSummaries;
        foreach (var message in await imap.FetchAsync(SequenceSet.Range(1, (uint)count), request))
        {
            Read(ref sum, message);
        }

        return sum.Value;
    }

    public static async Task<ulong> MailKitAsync(IMailFolder folder)
    {
        var sum = new ListChecksum();
        foreach (var summary in await Ops.MailKitSummariesAsync(folder))
        {
            Read(ref sum, summary);
        }

        return sum.Value;
    }

    /// <summary>One message's values, in the order <see cref="Read(ref ListChecksum, IMessageSummary)"/> reads them.</summary>
    public static void Read(ref ListChecksum sum, FetchedMessage message)
    {
        sum.Add(message.Uid ?? 0);
        var flags = message.Flags?.System ?? SystemFlags.None;
        sum.Add(((flags & SystemFlags.Seen) != 0 ? 1 : 0) | ((flags & SystemFlags.Answered) != 0 ? 2 : 0)
            | ((flags & SystemFlags.Flagged) != 0 ? 4 : 0) | ((flags & SystemFlags.Deleted) != 0 ? 8 : 0)
            | ((flags & SystemFlags.Draft) != 0 ? 16 : 0));
        sum.Add(message.InternalDate);
        sum.Add(message.Size ?? -1);
        var envelope = message.Envelope!;
        sum.Add(envelope.Date);
        sum.Add(envelope.Subject);
        sum.Add(envelope.From);
        sum.Add(envelope.To);
        sum.Add(envelope.Cc);
        sum.AddId(envelope.MessageId);
        sum.AddId(envelope.InReplyTo);
        var body = message.BodyStructure!;
        sum.AddLower(body.ContentType.MimeType);
        sum.Add(HasAttachment(body) ? 1 : 0);
    }

    public static void Read(ref ListChecksum sum, IMessageSummary summary)
    {
        sum.Add(summary.UniqueId.Id);
        var flags = summary.Flags ?? MailKit.MessageFlags.None;
        sum.Add(((flags & MailKit.MessageFlags.Seen) != 0 ? 1 : 0) | ((flags & MailKit.MessageFlags.Answered) != 0 ? 2 : 0)
            | ((flags & MailKit.MessageFlags.Flagged) != 0 ? 4 : 0) | ((flags & MailKit.MessageFlags.Deleted) != 0 ? 8 : 0)
            | ((flags & MailKit.MessageFlags.Draft) != 0 ? 16 : 0));
        sum.Add(summary.InternalDate);
        sum.Add(summary.Size is { } size ? size : -1);
        var envelope = summary.Envelope!;
        sum.Add(envelope.Date);
        sum.Add(envelope.Subject);
        sum.Add(envelope.From);
        sum.Add(envelope.To);
        sum.Add(envelope.Cc);
        sum.AddId(envelope.MessageId);
        sum.AddId(envelope.InReplyTo);
        var body = summary.Body!;
        sum.AddLower(body.ContentType.MimeType);
        sum.Add(HasAttachment(body) ? 1 : 0);
    }

    private static bool HasAttachment(BodyPart part) =>
        IsAttachment(part.ContentDisposition) || part switch
        {
            BodyPartMultipart multipart => multipart.Parts.Any(HasAttachment),
            BodyPartMessage { Body: { } inner } => HasAttachment(inner),
            _ => false,
        };

    private static bool HasAttachment(MailKit.BodyPart part) => part switch
    {
        MailKit.BodyPartMultipart multipart => IsAttachment(multipart.ContentDisposition) || multipart.BodyParts.Any(HasAttachment),
        MailKit.BodyPartMessage message => IsAttachment(message.ContentDisposition) || (message.Body is { } inner && HasAttachment(inner)),
        MailKit.BodyPartBasic basic => IsAttachment(basic.ContentDisposition),
        _ => false,
    };

    private static bool IsAttachment(ContentDisposition? disposition) =>
        string.Equals(disposition?.Disposition, ContentDisposition.Attachment, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// FNV-1a (64 bit) over the values of a message list, in a fixed order. Strings go in by their UTF-16 code units
/// after their length (null as empty), numbers by their bytes; no allocation.
/// </summary>
internal struct ListChecksum
{
    private const ulong Prime = 1099511628211;

    public ListChecksum() => Value = 14695981039346656037;

    public ulong Value { get; private set; }

    public void Add(long number)
    {
        var value = Value;
        for (var i = 0; i < 8; i++)
        {
            value = (value ^ (byte)(number >> (i * 8))) * Prime;
        }

        Value = value;
    }

    public void Add(DateTimeOffset? date)
    {
        Add(date is { } d ? d.UtcTicks : -1);
        Add(date is { } o ? (long)o.Offset.TotalMinutes : 0);
    }

    public void Add(string? text) => Add(text.AsSpan(), lower: false);

    /// <summary>A case-insensitive value (a MIME type), folded to ASCII lower case.</summary>
    public void AddLower(string? text) => Add(text.AsSpan(), lower: true);

    /// <summary>A message id without the angle brackets MailKit drops.</summary>
    public void AddId(string? id) => Add(id.AsSpan().Trim("<>"), lower: false);

    public void Add(InternetAddressList list)
    {
        Add(list.Count);
        foreach (var address in list)
        {
            Add(address);
        }
    }

    private void Add(InternetAddress address)
    {
        Add(address.Name);
        switch (address)
        {
            case MailboxAddress mailbox:
                Add(mailbox.Address);
                break;
            case GroupAddress group:
                Add(group.Members);
                break;
        }
    }

    private void Add(ReadOnlySpan<char> text, bool lower)
    {
        Add(text.Length);
        var value = Value;
        foreach (var c in text)
        {
            var folded = lower && c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
            value = (value ^ (byte)folded) * Prime;
            value = (value ^ (byte)(folded >> 8)) * Prime;
        }

        Value = value;
    }
}
