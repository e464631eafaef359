using System.Buffers;
using System.Runtime.CompilerServices;
using ImapClient.Commands;
using MimeKit;
using MimeKit.IO;

namespace ImapClient;

/// <summary>Messages of any size: body sections streamed from the connection as they arrive.</summary>
public sealed partial class ImapConnection
{
    /// <summary>
    /// Fetches by sequence number and streams each body section as it arrives (for <c>BODY[…]</c>, <c>BINARY[…]</c>
    /// and <c>RFC822*</c> items of the request). Each <see cref="FetchedBody"/> must be read, or disposed, before the
    /// next is taken; moving on disposes the previous one. Memory stays bounded whatever the message or mailbox size.
    /// </summary>
    /// <remarks>
    /// Commands may be awaited inside the loop (a STORE to flag the message just read, a FETCH of other items): their
    /// answers come after the bodies on the wire, so while one is pending the connection sets the unread rest of the
    /// current body, and the bodies after it, aside (up to 1 MiB in memory for all of them, the rest in temporary
    /// files deleted when closed) and reads on; each <see cref="FetchedBody.Content"/> still reads its own bytes, in
    /// order. With no other command pending, nothing is set aside: the connection reads the next bodies that fit whole
    /// in 1 MiB ahead into memory (so the caller's parse of one overlaps the transfer of the next), then waits for the
    /// caller.
    /// </remarks>
    /// <param name="messages">The sequence numbers.</param>
    /// <param name="request">What to fetch; its body sections are streamed, its other items come in <see cref="FetchedBody.Message"/>.</param>
    /// <param name="cancellationToken">Stops the enumeration; the rest of the server's answer is read and dropped.</param>
    /// <returns>The bodies, in the order the server sends them.</returns>
    public IAsyncEnumerable<FetchedBody> FetchStreamAsync(SequenceSet messages, FetchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(request);
        return StreamAsync(new StreamingFetchCommand(messages, request, byUid: false) { Api = nameof(FetchStreamAsync) }, cancellationToken);
    }

    /// <summary>Like <see cref="FetchStreamAsync"/>, by UID.</summary>
    /// <param name="uids">The UIDs.</param>
    /// <param name="request">What to fetch; its body sections are streamed.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The bodies, in the order the server sends them.</returns>
    public IAsyncEnumerable<FetchedBody> UidFetchStreamAsync(SequenceSet uids, FetchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uids);
        ArgumentNullException.ThrowIfNull(request);
        return UidStreamAsync(uids, request, cancellationToken);
    }

    /// <summary>The streaming UID FETCH, refused (when it is) in the name of the method the caller called.</summary>
    private IAsyncEnumerable<FetchedBody> UidStreamAsync(
        SequenceSet uids, FetchRequest request, CancellationToken cancellationToken, [CallerMemberName] string api = "") =>
        StreamAsync(new StreamingFetchCommand(uids, request, byUid: true) { Api = api }, cancellationToken);

    /// <summary>Downloads a message (or one section of it) by UID into <paramref name="destination"/>, streaming.</summary>
    /// <param name="uid">The message's UID.</param>
    /// <param name="destination">Where the bytes go, e.g. a <see cref="FileStream"/>.</param>
    /// <param name="section">The section: empty for the whole message, or e.g. <c>2</c> for an attachment (still encoded).</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ImapMessageNotFoundException">The server sent nothing for that UID.</exception>
    public async Task<long> DownloadAsync(uint uid, Stream destination, string section = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var request = new FetchRequest(FetchItems.Uid).AddBodySection(section);
        await foreach (var body in UidStreamAsync(SequenceSet.Single(uid), request, cancellationToken).ConfigureAwait(false))
        {
            if (!body.Matches(section))
            {
                continue;
            }

            await body.Content.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
            return body.Length;
        }

        throw new ImapMessageNotFoundException($"The server returned no message with UID {uid}.");
    }

    /// <summary>
    /// Fetches a whole message by UID and parses it with MimeKit: a message of up to 1 MiB is taken whole into memory
    /// first (one buffer, handed over once), a larger one is parsed as it arrives from the connection.
    /// </summary>
    /// <param name="uid">The message's UID.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The parsed message.</returns>
    /// <exception cref="ImapMessageNotFoundException">The server sent nothing for that UID.</exception>
    public async Task<MimeMessage> GetMessageAsync(uint uid, CancellationToken cancellationToken = default)
    {
        var request = new FetchRequest(FetchItems.Uid).AddBodySection("");
        var command = new StreamingFetchCommand(SequenceSet.Single(uid), request, byUid: true)
        {
            Api = nameof(GetMessageAsync),
            WholeBodyLimit = BufferedMessageLimit,
        };
        await foreach (var body in StreamAsync(command, cancellationToken).ConfigureAwait(false))
        {
            if (!body.Matches(""))
            {
                continue;
            }

            return await LoadMessageAsync(body, cancellationToken).ConfigureAwait(false);
        }

        throw new ImapMessageNotFoundException($"The server returned no message with UID {uid}.");
    }

    /// <summary>
    /// Parses a streamed message. Up to <see cref="BufferedMessageLimit"/> it is first read whole into a pooled buffer
    /// (a few large reads) and parsed by MimeKit's synchronous parser from memory: MimeKit copies what it keeps, so
    /// the buffer goes back to the pool at once, and its asynchronous parser costs a task per small read of the
    /// connection besides. A larger message is parsed as it streams, so memory stays bounded by what MimeKit keeps.
    /// </summary>
    private static async Task<MimeMessage> LoadMessageAsync(FetchedBody body, CancellationToken cancellationToken)
    {
        if (body.Content is Transport.WholeBodyStream whole)
        {
            // Already whole in memory (the reader loop took it so): MimeKit parses it there, no copy.
#pragma warning disable CA1849 // The body is whole in memory: the synchronous parser blocks on nothing (see above).
            return MimeMessage.Load(whole, cancellationToken);
#pragma warning restore CA1849
        }

        if (body.Length > BufferedMessageLimit)
        {
            return await MimeMessage.LoadAsync(body.Content, cancellationToken).ConfigureAwait(false);
        }

        var length = (int)body.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var read = await body.Content.ReadAtLeastAsync(buffer.AsMemory(0, length), length, throwOnEndOfStream: false, cancellationToken)
                .ConfigureAwait(false);
            using var memory = new MemoryStream(buffer, 0, read, writable: false);
#pragma warning disable CA1849 // Parsing from memory blocks on nothing; the async parser would cost a task per read.
            return MimeMessage.Load(memory, cancellationToken);
#pragma warning restore CA1849
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The largest message <see cref="GetMessageAsync"/> reads whole before parsing (1 MiB).</summary>
    private const int BufferedMessageLimit = 1 << 20;

    /// <summary>
    /// Fetches one part of a message by UID, found through its body structure, as a MimeKit entity: its MIME header
    /// and its content, parsed by MimeKit from the connection.
    /// </summary>
    /// <param name="uid">The message's UID.</param>
    /// <param name="part">A part of the message's <see cref="FetchedMessage.BodyStructure"/> (not the top-level multipart).</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>
    /// The part. A part the server answers with no value at all (<c>BODY[2] )</c>, Yandex's empty attachment) comes
    /// with its MIME header and no content (<see cref="ImapQuirks.SloppyFetch"/>).
    /// </returns>
    /// <exception cref="ImapMessageNotFoundException">The server sent nothing for that UID.</exception>
    public async Task<MimeEntity> GetBodyPartAsync(uint uid, BodyPart part, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (part.PartSpecifier.Length == 0)
        {
            throw new ArgumentException("The top level of a message is not a part: use GetMessageAsync.", nameof(part));
        }

        var mimeSection = part.PartSpecifier + ".MIME";
        var request = new FetchRequest(FetchItems.Uid)
            .AddBodySection(mimeSection)
            .AddBodySection(part.PartSpecifier);
        byte[]? header = null;
        await foreach (var body in UidStreamAsync(SequenceSet.Single(uid), request, cancellationToken).ConfigureAwait(false))
        {
            if (body.Matches(mimeSection))
            {
                var buffer = new MemoryStream();
                await body.Content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                header = buffer.ToArray();
                continue;
            }

            if (!body.Matches(part.PartSpecifier))
            {
                continue;
            }

            // The MIME header is small and kept; the content flows from the connection into MimeKit's parser.
            using var chained = new ChainedStream();
            chained.Add(new MemoryStream(header ?? []), leaveOpen: false);
            chained.Add(body.Content, leaveOpen: true);
            return await MimeEntity.LoadAsync(chained, cancellationToken).ConfigureAwait(false);
        }

        throw new ImapMessageNotFoundException($"The server returned no part {part.PartSpecifier} of the message with UID {uid}.");
    }

    /// <summary>
    /// Waits for the server's next body or its completion. No timer of its own: the session's watchdog fails the
    /// command, and so this wait, once the server has been silent for <see cref="ImapConnectionOptions.CommandTimeout"/>
    /// (the caller's own time with a body not counted).
    /// </summary>
    private static ValueTask<bool> WaitForNextBodyAsync(StreamingFetchCommand command, CancellationToken cancellationToken) =>
        command.Bodies.WaitToReadAsync(cancellationToken);

    private async IAsyncEnumerable<FetchedBody> StreamAsync(StreamingFetchCommand command, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _session.SendCommandAsync(command, cancellationToken).ConfigureAwait(false);
        FetchedBody? previous = null;
        var finished = false;
        try
        {
            while (await WaitForNextBodyAsync(command, cancellationToken).ConfigureAwait(false))
            {
                while (command.Bodies.TryRead(out var body))
                {
                    previous = body;
                    yield return body;

                    // Moving on disposes it now, not once the next body arrives: the reader loop starts the next
                    // body only when this one is finished, so waiting for it with this one open would never end.
                    previous = null;
                    await body.DisposeAsync().ConfigureAwait(false);
                }
            }

            await command.Outcome.ConfigureAwait(false);
            finished = true;
        }
        finally
        {
            // CA1508 thinks `previous` is always null here, but this finally also runs when the caller stops
            // enumerating at the `yield return`, where `previous` still holds the body it was given.
#pragma warning disable CA1508
            if (previous is not null)
#pragma warning restore CA1508
            {
                await previous.DisposeAsync().ConfigureAwait(false);
            }

            if (!finished)
            {
                // The caller stopped early: the command still completes on the connection; its outcome (or failure)
                // must not surface later as an unobserved exception.
                Session.ImapSession.Observe(command.Outcome);

                // Bodies the caller never took are skipped so the reader loop does not wait on them.
                command.Abandon();
            }
        }
    }

    /// <summary>True while the connection waits for the caller to read a streamed body; tests wait for it before they move a fake clock.</summary>
    internal bool WaitingForReader => _session.WaitingForReader;

    /// <summary>What was set aside of streamed bodies so commands awaited inside the loop could complete (tests).</summary>
    internal Transport.SpoolBudget Spooling => _session.Spooling;

    /// <summary>What was read ahead of streamed bodies while the caller read an earlier one (tests).</summary>
    internal Transport.SpoolBudget ReadingAhead => _session.ReadingAhead;
}
