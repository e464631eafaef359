using ImapClient;
using MimeKit;

namespace SeedSession;

/// <summary>Writes typed results in a readable form.</summary>
internal static class Printer
{
    private static readonly Lock Gate = new();

    public static void Line(string text)
    {
        lock (Gate)
        {
            Console.WriteLine(text);
        }
    }

    public static void Mailbox(MailboxInfo m)
    {
        Line($"  exists: {m.Exists}");
        Line($"  recent: {m.Recent}");
        Line($"  flags: {m.Flags}");
        Line($"  permanent flags: {m.PermanentFlags?.ToString() ?? "(not reported)"}");
        Line($"  uidvalidity: {m.UidValidity?.ToString() ?? "(not reported)"}");
        Line($"  uidnext: {m.UidNext?.ToString() ?? "(not reported)"}");
        Line($"  first unseen: {m.FirstUnseen?.ToString() ?? "(none)"}");
        Line($"  access: {(m.Access == MailboxAccess.ReadOnly ? "read-only" : m.Access == MailboxAccess.ReadWrite ? "read-write" : "unknown")}");
    }

    public static void Summary(FetchedMessage m)
    {
        Line($"  message {m.SequenceNumber}");
        Line($"  flags: {m.Flags}");
        Line($"  internal date: {m.InternalDate:yyyy-MM-dd HH:mm:ss zzz}");
        Line($"  size: {m.Size} bytes");
        if (m.Envelope is { } e)
        {
            Line($"  date: {(e.Date is { } d ? d.ToString("yyyy-MM-dd HH:mm:ss zzz") : "(none)")} ({e.DateText ?? "no Date header"})");
            Line($"  subject: {e.Subject ?? "(none)"}");
            Addresses("from", e.From);
            Addresses("sender", e.Sender);
            Addresses("reply-to", e.ReplyTo);
            Addresses("to", e.To);
            Addresses("cc", e.Cc);
            Addresses("bcc", e.Bcc);
            Line($"  in-reply-to: {e.InReplyTo ?? "(none)"}");
            Line($"  message-id: {e.MessageId ?? "(none)"}");
        }

        if (m.BodyStructure is { } body)
        {
            Line("  body structure:");
            Body(body, "    ");
        }
    }

    public static void Headers(HeaderList headers)
    {
        foreach (var h in headers)
        {
            Line($"  {h.Field}: {h.Value.Trim()}");
        }
    }

    private static void Addresses(string label, InternetAddressList list)
    {
        if (list.Count == 0)
        {
            Line($"  {label}: (none)");
            return;
        }

        foreach (var address in list)
        {
            Line($"  {label}: {address}");
        }
    }

    private static void Body(BodyPart part, string indent)
    {
        var id = part.PartSpecifier.Length == 0 ? "(top)" : part.PartSpecifier;
        switch (part)
        {
            case BodyPartMultipart multi:
                Line($"{indent}{id} {multi.ContentType.MimeType}{Parameters(multi.ContentType)}");
                foreach (var child in multi.Parts)
                {
                    Body(child, indent + "  ");
                }

                break;
            case BodyPartText text:
                Line($"{indent}{id} {text.ContentType.MimeType}{Parameters(text.ContentType)}, {text.ContentTransferEncoding}, {text.Octets} bytes, {text.Lines} lines");
                break;
            case BodyPartMessage message:
                Line($"{indent}{id} {message.ContentType.MimeType}, {message.Octets} bytes, {message.Lines} lines, subject: {message.Envelope?.Subject ?? "(none)"}");
                if (message.Body is { } inner)
                {
                    Body(inner, indent + "  ");
                }

                break;
            case BodyPartBasic basic:
                Line($"{indent}{id} {basic.ContentType.MimeType}{Parameters(basic.ContentType)}, {basic.ContentTransferEncoding}, {basic.Octets} bytes");
                break;
        }
    }

    private static string Parameters(ContentType type) =>
        type.Parameters.Count == 0 ? "" : "; " + string.Join("; ", type.Parameters.Select(p => $"{p.Name}={p.Value}"));
}
