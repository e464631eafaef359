using ImapClient;
using MimeKit;

namespace MailTool;

/// <summary>The four commands. Each takes a signed-in connection and the Ctrl+C token.</summary>
internal static class Commands
{
    private const StatusItems Counts = StatusItems.Messages | StatusItems.Unseen;

    /// <summary><c>list</c>: every mailbox with its message and unseen counts.</summary>
    public static async Task ListAsync(ImapConnection imap, CancellationToken cancellationToken)
    {
        IReadOnlyList<MailboxListEntry> mailboxes;
        if (imap.Capabilities.Contains("LIST-STATUS"))
        {
            // One round trip for everything: LIST "" * RETURN (STATUS (MESSAGES UNSEEN)) (RFC 5819).
            mailboxes = await imap.ListAsync(new ListRequest { Status = Counts }, cancellationToken);
        }
        else
        {
            mailboxes = await imap.ListAsync(cancellationToken);
        }

        // Without LIST-STATUS, one STATUS per mailbox. Started together, they are pipelined on the one connection:
        // all are sent before the first answer arrives, so this costs about one round trip, not one per mailbox.
        var statuses = await Task.WhenAll(mailboxes.Select(StatusOfAsync));

        var width = mailboxes.Max(m => (int?)m.Name.Length) ?? 0;
        foreach (var (mailbox, status) in mailboxes.Zip(statuses))
        {
            var counts = status is null ? "(not selectable)" : $"{status.Messages,6} messages, {status.Unseen,6} unseen";
            Console.WriteLine($"{mailbox.Name.PadRight(width)}  {counts}");
        }

        async Task<MailboxStatus?> StatusOfAsync(MailboxListEntry mailbox) =>
            mailbox.Status ?? (mailbox.IsSelectable ? await imap.StatusAsync(mailbox.Name, Counts, cancellationToken) : null);
    }

    /// <summary><c>newest N [mailbox]</c>: date, sender and subject of the newest N messages, newest first.</summary>
    public static async Task NewestAsync(ImapConnection imap, uint count, string mailbox, CancellationToken cancellationToken)
    {
        // EXAMINE opens the mailbox read-only: looking changes nothing (no \Seen, no \Recent).
        var info = await imap.ExamineAsync(mailbox, cancellationToken);
        if (info.Exists == 0)
        {
            Console.WriteLine($"{mailbox} is empty");
            return;
        }

        // Sequence numbers run in arrival order, so the newest N are the last N.
        var first = info.Exists > count ? info.Exists - count + 1 : 1;
        var request = new FetchRequest(FetchItems.Uid | FetchItems.InternalDate | FetchItems.Envelope);
        var messages = await imap.FetchAsync(SequenceSet.Range(first, info.Exists), request, cancellationToken);

        foreach (var message in messages.OrderByDescending(m => m.SequenceNumber))
        {
            var envelope = message.Envelope;

            // The Date header may be missing or unreadable; INTERNALDATE (when the server received it) is always there.
            var date = (envelope?.Date ?? message.InternalDate)?.ToLocalTime();
            var sender = envelope?.From.Mailboxes.FirstOrDefault() is { } from ? Display(from) : "(no sender)";
            Console.WriteLine($"{message.Uid,6}  {date:yyyy-MM-dd HH:mm}  {sender,-32}  {envelope?.Subject ?? "(no subject)"}");
        }
    }

    /// <summary><c>save UID file.eml [mailbox]</c>: the message exactly as the server holds it, streamed into a file.</summary>
    public static async Task SaveAsync(ImapConnection imap, uint uid, string path, string mailbox, CancellationToken cancellationToken)
    {
        await imap.ExamineAsync(mailbox, cancellationToken);

        // Download beside the target and rename at the end, so a failed or cancelled download leaves no half file.
        // The bytes stream from the connection to the disk: memory stays small whatever the message size.
        var partial = path + ".part";
        long length;
        try
        {
            await using (var file = File.Create(partial))
            {
                length = await imap.DownloadAsync(uid, file, cancellationToken: cancellationToken);
            }

            File.Move(partial, path, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        Console.WriteLine($"saved message {uid} of {mailbox} to {path} ({length} bytes)");
    }

    /// <summary><c>watch [mailbox]</c>: reports changes as the server announces them (IDLE) until Ctrl+C.</summary>
    public static async Task WatchAsync(ImapConnection imap, string mailbox, CancellationToken cancellationToken)
    {
        var info = await imap.ExamineAsync(mailbox, cancellationToken);
        var exists = info.Exists;
        Console.WriteLine($"watching {mailbox} ({exists} messages); press Ctrl+C to stop");

        try
        {
            // WatchAsync idles (IDLE, RFC 2177, renewed before servers time it out) and yields what the server
            // reports meanwhile. Ctrl+C cancels the token: the IDLE ends with DONE and the loop with an exception.
            await foreach (var update in imap.WatchAsync(cancellationToken: cancellationToken))
            {
                switch (update)
                {
                    case ImapExistsResponse grown when grown.Count > exists:
                        Console.WriteLine($"{grown.Count - exists} new, {grown.Count} messages");

                        // A command in the loop interrupts the IDLE (DONE), runs, and the IDLE resumes by itself.
                        await PrintNewAsync(imap, exists + 1, grown.Count, cancellationToken);
                        exists = grown.Count;
                        break;

                    case ImapExistsResponse same:
                        exists = same.Count;
                        break;

                    case ImapExpungeResponse expunge:
                        exists--;
                        Console.WriteLine($"expunged message {expunge.SequenceNumber}, {exists} messages");
                        break;

                    case ImapFetchResponse { Message.Flags: { } flags } fetch:
                        Console.WriteLine($"flags of message {fetch.Message.SequenceNumber}: {(flags.ToString() is { Length: > 0 } text ? text : "(none)")}");
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the normal way to stop watching.
        }

        Console.WriteLine("stopped watching");
    }

    private static async Task PrintNewAsync(ImapConnection imap, uint first, uint last, CancellationToken cancellationToken)
    {
        var request = new FetchRequest(FetchItems.Uid | FetchItems.Envelope);
        foreach (var message in await imap.FetchAsync(SequenceSet.Range(first, last), request, cancellationToken))
        {
            var sender = message.Envelope?.From.Mailboxes.FirstOrDefault() is { } from ? Display(from) : "(no sender)";
            Console.WriteLine($"  new message {message.SequenceNumber} (UID {message.Uid}) from {sender}: {message.Envelope?.Subject ?? "(no subject)"}");
        }
    }

    private static string Display(MailboxAddress address) =>
        string.IsNullOrEmpty(address.Name) ? address.Address : $"{address.Name} <{address.Address}>";
}
