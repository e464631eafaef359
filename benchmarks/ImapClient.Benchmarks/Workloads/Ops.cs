using ImapClient.Benchmarks.Wire;
using MailKit;
using MailKit.Net.Imap;

namespace ImapClient.Benchmarks.Workloads;

/// <summary>
/// Every workload once, for both libraries: the BenchmarkDotNet classes time these, and the quick run checks their
/// results. Each returns what it counted, so the work cannot be optimised away and can be checked.
/// </summary>
internal static class Ops
{
    public const string SummaryItems = "(UID FLAGS ENVELOPE BODYSTRUCTURE INTERNALDATE RFC822.SIZE)";

    public const string HeaderItems = "(UID BODY.PEEK[HEADER])";

    public static Task<IReadOnlyList<FetchedMessage>> OursSummariesAsync(ImapConnection imap, int count) =>
        imap.FetchAsync(SequenceSet.Range(1, (uint)count), Clients.OursSummaries);

    public static Task<IList<IMessageSummary>> MailKitSummariesAsync(IMailFolder folder) =>
        folder.FetchAsync(0, -1, Clients.MailKitSummaries);

    /// <summary>
    /// The same FETCH, then every envelope field and every body part read, so a library that parses on demand pays
    /// for all of it inside the measurement. Returns a count over what was read, so nothing can be skipped.
    /// </summary>
    public static async Task<long> OursSummariesReadAllAsync(ImapConnection imap, int count)
    {
        long seen = 0;
        foreach (var message in await OursSummariesAsync(imap, count))
        {
            var envelope = message.Envelope!;
            seen += (envelope.Subject?.Length ?? 0) + (envelope.MessageId?.Length ?? 0) + (envelope.Date.HasValue ? 1 : 0)
                + envelope.From.Count + envelope.Sender.Count + envelope.ReplyTo.Count + envelope.To.Count + envelope.Cc.Count + envelope.Bcc.Count
                + CountParts(message.BodyStructure!);
        }

        return seen;
    }

    public static async Task<long> MailKitSummariesReadAllAsync(IMailFolder folder)
    {
        long seen = 0;
        foreach (var summary in await MailKitSummariesAsync(folder))
        {
            var envelope = summary.Envelope!;
            seen += (envelope.Subject?.Length ?? 0) + (envelope.MessageId?.Length ?? 0) + (envelope.Date.HasValue ? 1 : 0)
                + envelope.From.Count + envelope.Sender.Count + envelope.ReplyTo.Count + envelope.To.Count + envelope.Cc.Count + envelope.Bcc.Count
                + CountParts(summary.Body!);
        }

        return seen;
    }

    private static int CountParts(BodyPart part) => part switch
    {
        BodyPartMultipart multipart => 1 + multipart.Parts.Sum(CountParts),
        BodyPartMessage { Body: { } body } => 1 + CountParts(body),
        _ => part.ContentType.MimeType.Length > 0 ? 1 : 0,
    };

    private static int CountParts(MailKit.BodyPart part) => part switch
    {
        MailKit.BodyPartMultipart multipart => 1 + multipart.BodyParts.Sum(CountParts),
        MailKit.BodyPartMessage { Body: { } body } => 1 + CountParts(body),
        _ => part.ContentType.MimeType.Length > 0 ? 1 : 0,
    };

    /// <summary>The upper bound: the same FETCH, reading the bytes and nothing else. Returns the byte count.</summary>
    public static Task<long> RawSummariesAsync(RawImapClient raw) => raw.CountAsync("FETCH 1:* " + SummaryItems);

    /// <summary>BODY.PEEK[HEADER] of every message, each parsed into a MimeKit HeaderList. Returns the header fields.</summary>
    public static async Task<long> OursHeadersAsync(ImapConnection imap, int count)
    {
        long fields = 0;
        foreach (var message in await imap.FetchAsync(SequenceSet.Range(1, (uint)count), Clients.OursHeaders))
        {
            fields += message.Headers?.Count ?? throw new InvalidOperationException($"No header section for message {message.SequenceNumber}.");
        }

        return fields;
    }

    public static async Task<long> MailKitHeadersAsync(IMailFolder folder)
    {
        long fields = 0;
        foreach (var summary in await folder.FetchAsync(0, -1, Clients.MailKitHeaders))
        {
            fields += summary.Headers?.Count ?? throw new InvalidOperationException($"No header section for message {summary.Index + 1}.");
        }

        return fields;
    }

    /// <summary>The upper bound for the header sections: the same FETCH, bytes counted only. Returns the byte count.</summary>
    public static Task<long> RawHeadersAsync(RawImapClient raw) => raw.CountAsync("FETCH 1:* " + HeaderItems);

    /// <summary>One UID FETCH BODY.PEEK[] per message, streamed to a counting sink. Returns the bytes.</summary>
    public static async Task<long> OursDownloadEachAsync(ImapConnection imap, int count)
    {
        var sink = new CountingStream();
        for (uint uid = 1; uid <= count; uid++)
        {
            await imap.DownloadAsync(uid, sink);
        }

        return sink.Count;
    }

    public static async Task<long> MailKitDownloadEachAsync(IMailFolder folder, int count)
    {
        var sink = new CountingStream();
        for (uint uid = 1; uid <= count; uid++)
        {
            await using var stream = await folder.GetStreamAsync(new UniqueId(uid), string.Empty);
            await stream.CopyToAsync(sink);
        }

        return sink.Count;
    }

    /// <summary>The upper bound for one download per command: the same UID FETCH per message, counted as bytes only.</summary>
    public static async Task<long> RawDownloadEachAsync(RawImapClient raw, int count)
    {
        long bytes = 0;
        for (var uid = 1; uid <= count; uid++)
        {
            bytes += await raw.CountAsync($"UID FETCH {uid} BODY.PEEK[]");
        }

        return bytes;
    }

    /// <summary>The upper bound for one command for all: the same UID FETCH, counted as bytes only.</summary>
    public static Task<long> RawDownloadBulkAsync(RawImapClient raw, int count) => raw.CountAsync($"UID FETCH 1:{count} BODY.PEEK[]");

    /// <summary>One UID FETCH BODY.PEEK[] for all messages, each body streamed to a counting sink. Returns the bytes.</summary>
    public static async Task<long> OursDownloadBulkAsync(ImapConnection imap, int count)
    {
        var sink = new CountingStream();
        var request = new FetchRequest(FetchItems.Uid).AddBodySection(string.Empty);
        await foreach (var body in imap.UidFetchStreamAsync(SequenceSet.Range(1, (uint)count), request))
        {
            await body.Content.CopyToAsync(sink);
        }

        return sink.Count;
    }

    public static async Task<long> MailKitDownloadBulkAsync(IMailFolder folder, int count)
    {
        var sink = new CountingStream();
        await ((ImapFolder)folder).GetStreamsAsync(new UniqueIdRange(0, 1, (uint)count),
            async (_, _, _, stream, cancellationToken) => await stream.CopyToAsync(sink, cancellationToken));
        return sink.Count;
    }

    /// <summary>STORE +FLAGS or -FLAGS (\Flagged) on all messages, not silent. Returns the FETCH responses received.</summary>
    public static async Task<int> OursStoreAsync(ImapConnection imap, int count, bool add)
    {
        var updated = await imap.StoreAsync(SequenceSet.Range(1, (uint)count), add ? StoreAction.Add : StoreAction.Remove,
            new MessageFlags(SystemFlags.Flagged));
        return updated.Count(m => m.Flags?.Contains(SystemFlags.Flagged) == add);
    }

    /// <summary>MailKit reports the FETCH responses of a STORE through MessageFlagsChanged; the caller counts them.</summary>
    public static async Task MailKitStoreAsync(IMailFolder folder, IList<int> indexes, bool add)
    {
        var request = new StoreFlagsRequest(add ? MailKit.StoreAction.Add : MailKit.StoreAction.Remove, MailKit.MessageFlags.Flagged) { Silent = false };
        await folder.StoreAsync(indexes, request);
    }

    /// <summary>
    /// The upper bound for STORE: the same command (all messages, not silent), its FETCH responses counted as bytes
    /// only. Returns the byte count.
    /// </summary>
    public static Task<long> RawStoreAsync(RawImapClient raw, bool add) =>
        raw.CountAsync($"STORE 1:* {(add ? '+' : '-')}FLAGS (\\Flagged)");

    /// <summary>FETCH FLAGS of messages 1..<paramref name="count"/>, <paramref name="rounds"/> times. Returns the messages seen.</summary>
    public static async Task<int> OursFlagsAsync(ImapConnection imap, int count, int rounds)
    {
        var seen = 0;
        var request = new FetchRequest(FetchItems.Flags);
        for (var i = 0; i < rounds; i++)
        {
            foreach (var message in await imap.FetchAsync(SequenceSet.Range(1, (uint)count), request))
            {
                seen += message.Flags is null ? 0 : 1;
            }
        }

        return seen;
    }

    public static async Task<int> MailKitFlagsAsync(IMailFolder folder, int rounds)
    {
        var seen = 0;
        for (var i = 0; i < rounds; i++)
        {
            foreach (var summary in await folder.FetchAsync(0, -1, MessageSummaryItems.Flags))
            {
                seen += summary.Flags is null ? 0 : 1;
            }
        }

        return seen;
    }

    /// <summary>NOOPs issued by <paramref name="tasks"/> concurrent tasks on one connection (pipelined).</summary>
    public static async Task<int> OursNoopsAsync(ImapConnection imap, int count, int tasks)
    {
        var done = 0;
        await Task.WhenAll(Enumerable.Range(0, tasks).Select(async _ =>
        {
            for (var i = 0; i < count / tasks; i++)
            {
                await imap.NoopAsync();
                Interlocked.Increment(ref done);
            }
        }));
        return done;
    }

    /// <summary>The bound for sequential NOOPs: each sent when the last one's completion has arrived.</summary>
    public static async Task<int> RawNoopsAsync(RawImapClient raw, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await raw.CountAsync("NOOP");
        }

        return count;
    }

    /// <summary>MailKit's client runs one command at a time, so its NOOPs are sequential.</summary>
    public static async Task<int> MailKitNoopsAsync(MailKit.Net.Imap.ImapClient client, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await client.NoOpAsync();
        }

        return count;
    }
}

/// <summary>A write-only sink that counts what it is given (Stream.Null would not let the result be checked).</summary>
internal sealed class CountingStream : Stream
{
    public long Count { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => Count;

    public override long Position { get => Count; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Count += count;

    public override void Write(ReadOnlySpan<byte> buffer) => Count += buffer.Length;

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Count += count;
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Count += buffer.Length;
        return ValueTask.CompletedTask;
    }
}
