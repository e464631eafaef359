using System.Threading.Channels;
using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>
/// FETCH or UID FETCH whose body-section literals are streamed to the caller instead of buffered. The reader loop
/// offers it each body literal of a message it claims; it publishes a <see cref="FetchedBody"/> per literal.
/// </summary>
internal sealed class StreamingFetchCommand(SequenceSet set, FetchRequest request, bool byUid)
    : MessageSetCommand<ImapStatusResponse>("FETCH", set, byUid)
{
    private readonly Channel<FetchedBody> _bodies = Channel.CreateUnbounded<FetchedBody>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private FetchedMessage? _current;
    private bool _abandoned;

    public ChannelReader<FetchedBody> Bodies => _bodies.Reader;

    public override void Encode(CommandBuilder builder, ImapSession session) =>
        FetchEncoding.Encode(builder, session, Name, Set, request);

    /// <summary>
    /// Whether a body literal of this message (its items so far) belongs to this command. A UID FETCH whose server
    /// put the body before the UID still owns it: only one streaming command runs at a time.
    /// </summary>
    public bool Wants(FetchedMessage itemsSoFar) => Addresses(itemsSoFar) ?? ByUid;

    /// <summary>Publishes a body the reader loop is about to stream; once the caller stopped listening it is skipped.</summary>
    public void Publish(FetchedBody body)
    {
        _current = body.Message;
        lock (_bodies)
        {
            if (!_abandoned && _bodies.Writer.TryWrite(body))
            {
                return;
            }
        }

        // Nobody will read it: completing the reading side makes the reader loop drop the literal as it arrives.
        body.Content.Dispose();
    }

    /// <summary>The caller stopped enumerating: every body still to come, and any queued, is skipped.</summary>
    public void Abandon()
    {
        lock (_bodies)
        {
            _abandoned = true;
        }

        while (_bodies.Reader.TryRead(out var queued))
        {
            queued.Content.Dispose();
        }
    }

    /// <summary>
    /// The items after a streamed body come in the same response, so no expunge falls between them: once one is
    /// reported, the number of the message streamed last may belong to another message, whose FETCH must not merge into it.
    /// </summary>
    public override void OnMessagesRemoved(ImapResponse removal) => _current = null;

    public override bool TryClaimFetch(FetchedMessage message)
    {
        // The items after a streamed body arrive as the rest of the same FETCH response.
        if (_current is { } current && current.SequenceNumber == message.SequenceNumber)
        {
            current.MergeFrom(message);
            PublishInMemorySections(current, message);
            return true;
        }

        // Without the key (a UID FETCH answered without UID: an unsolicited flag update) it is not ours.
        if (Addresses(message) != true)
        {
            return false;
        }

        PublishInMemorySections(message, message);
        return true;
    }

    /// <summary>
    /// Bodies the server sent as quoted strings rather than literals were parsed with the response; they are handed
    /// over like streamed ones, so the caller sees every section it asked for. NIL sections carry nothing and are not.
    /// </summary>
    private void PublishInMemorySections(FetchedMessage owner, FetchedMessage parsed)
    {
        foreach (var section in parsed.BodySections)
        {
            if (section.Data is { } data)
            {
                Publish(new FetchedBody(owner, section.Name, section.Section, section.Origin, data.Length, new ReadOnlyMemoryStream(data)));
            }
        }
    }

    protected override void OnCompleted(ImapSession session, ImapStatusResponse completion)
    {
        base.OnCompleted(session, completion);
        _bodies.Writer.TryComplete(completion.Status == ImapStatus.Ok ? null : new ImapCommandException(Name, completion));
    }

    protected override void SetException(Exception exception)
    {
        base.SetException(exception);
        _bodies.Writer.TryComplete(exception);
    }

    protected override ImapStatusResponse BuildResult(ImapSession session, ImapStatusResponse completion) => completion;
}
