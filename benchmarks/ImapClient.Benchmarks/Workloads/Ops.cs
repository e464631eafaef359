using ImapClient.Benchmarks.Wire;
using MailKit;
using MailKit.Net.Imap;
using MimeKit;

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

    /// <summary>
    /// BODY.PEEK[HEADER] of every message, each parsed into a MimeKit HeaderList, and every header of every list
    /// read: its field name and its decoded value. Returns the fields and a checksum of what was read.
    /// </summary>
    public static async Task<HeaderTally> OursHeadersAsync(ImapConnection imap, int count)
    {
        var tally = default(HeaderTally);
        foreach (var message in await imap.FetchAsync(SequenceSet.Range(1, (uint)count), Clients.OursHeaders))
        {
            tally = tally.Add(message.Headers ?? throw new InvalidOperationException($"No header section for message {message.SequenceNumber}."));
        }

        return tally;
    }

    public static async Task<HeaderTally> MailKitHeadersAsync(IMailFolder folder)
    {
        var tally = default(HeaderTally);
        foreach (var summary in await folder.FetchAsync(0, -1, Clients.MailKitHeaders))
        {
            tally = tally.Add(summary.Headers ?? throw new InvalidOperationException($"No header section for message {summary.Index + 1}."));
        }

        return tally;
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

    /// <summary>
    /// One UID FETCH BODY.PEEK[] for all messages, each body parsed by MimeKit straight from the connection as it
    /// arrives. Returns a checksum of the parsed messages (<see cref="MessageTally"/>).
    /// </summary>
    public static async Task<long> OursBodiesParsedAsync(ImapConnection imap, int count, bool decode = false)
    {
        long tally = 0;
        var request = new FetchRequest(FetchItems.Uid).AddBodySection(string.Empty);
        await foreach (var body in imap.UidFetchStreamAsync(SequenceSet.Range(1, (uint)count), request))
        {
            tally += MessageTally.Of(await MimeMessage.LoadAsync(body.Content), decode);
        }

        return tally;
    }

    /// <summary>
    /// MailKit's one command for many bodies: GetStreams, whose callback gets each body in memory (MailKit has read
    /// the literal whole by then), so MimeKit's synchronous parser is the fast choice there.
    /// </summary>
    public static async Task<long> MailKitBodiesParsedAsync(IMailFolder folder, int count, bool decode = false)
    {
        long tally = 0;
        await ((ImapFolder)folder).GetStreamsAsync(new UniqueIdRange(0, 1, (uint)count), (_, _, _, stream, _) =>
        {
            tally += MessageTally.Of(MimeMessage.Load(stream), decode);
            return Task.CompletedTask;
        });
        return tally;
    }

    /// <summary>One UID FETCH BODY.PEEK[] per message through GetMessageAsync. Returns the checksum of the messages.</summary>
    public static async Task<long> OursGetMessageEachAsync(ImapConnection imap, int count, bool decode = false)
    {
        long tally = 0;
        for (uint uid = 1; uid <= count; uid++)
        {
            tally += MessageTally.Of(await imap.GetMessageAsync(uid), decode);
        }

        return tally;
    }

    public static async Task<long> MailKitGetMessageEachAsync(IMailFolder folder, int count, bool decode = false)
    {
        long tally = 0;
        for (uint uid = 1; uid <= count; uid++)
        {
            tally += MessageTally.Of(await folder.GetMessageAsync(new UniqueId(uid)), decode);
        }

        return tally;
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

/// <summary>
/// What was read from header lists: the field count and a checksum of every field name and decoded value (string
/// hashes, so only comparable within one process: the quick run compares both libraries in one).
/// </summary>
internal readonly record struct HeaderTally(long Fields, long Checksum)
{
    public HeaderTally Add(MimeKit.HeaderList headers)
    {
        var (fields, checksum) = (Fields, Checksum);
        foreach (var header in headers)
        {
            fields++;
            checksum += (header.Field.GetHashCode() * 31L) + header.Value.GetHashCode();
        }

        return new HeaderTally(fields, checksum);
    }
}

/// <summary>
/// A checksum of a parsed message: its Message-Id, subject, number of parts (message/rfc822 parts entered), and each
/// leaf part's content size: as MimeKit kept it, or with <c>decode</c> decoded (base64, quoted-printable), which the
/// quick run does and the timed rows do not (decoding is MimeKit's work whichever library fetched the bytes).
/// </summary>
internal static class MessageTally
{
    public static long Of(MimeKit.MimeMessage message, bool decode)
    {
        long tally = (message.MessageId?.GetHashCode() ?? 0) + (message.Subject?.GetHashCode() ?? 0);
        using var iterator = new MimeKit.MimeIterator(message);
        while (iterator.MoveNext())
        {
            tally += 1L << 32;
            if (iterator.Current is MimeKit.MimePart { Content: { } content })
            {
                if (decode)
                {
                    var sink = new CountingStream();
                    content.DecodeTo(sink);
                    tally += sink.Count;
                }
                else
                {
                    tally += content.Stream?.Length ?? 0;
                }
            }
        }

        return tally;
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
