using ImapClient.Protocol;

namespace ImapClient.Session;

/// <summary>
/// One command: how its arguments are encoded, which untagged responses it claims while in flight, and how its
/// result is built. Claim and completion run on the reader loop, so they must be quick and never block.
/// </summary>
internal abstract class ImapCommand
{
    // Created only when something waits for it (a held-back command, a literal's continuation): most never need it.
    private TaskCompletionSource? _done;
    private int _completed;

    /// <summary>The command name used in exceptions, e.g. <c>SELECT</c>.</summary>
    public abstract string Name { get; }

    public virtual CommandTraits Traits => CommandTraits.MayExpunge;

    /// <summary>The public method the caller called (e.g. <c>GetMessageAsync</c>), named when the call is refused; null for <see cref="Name"/>.</summary>
    public string? Api { get; set; }

    /// <summary>True for commands that change the selected mailbox (STORE, EXPUNGE, MOVE): refused while it is read-only.</summary>
    public virtual bool ChangesMailbox => false;

    /// <summary>The tag assigned when the command was queued for writing.</summary>
    public string Tag { get; set; } = "";

    /// <summary><see cref="Tag"/> packed by <see cref="Protocol.TagKey"/> (0 if it did not fit), to match completions by.</summary>
    public ulong TagKey { get; set; }

    /// <summary>Completes (never faults) once the command's tagged response was consumed or the connection broke.</summary>
    public Task Done
    {
        get
        {
            var done = Volatile.Read(ref _done);
            if (done is null)
            {
                var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                done = Interlocked.CompareExchange(ref _done, created, null) ?? created;
            }

            // Both sides use full fences: either MarkDone sees the source, or this sees the command completed.
            if (Interlocked.CompareExchange(ref _completed, 0, 0) != 0)
            {
                done.TrySetResult();
            }

            return done.Task;
        }
    }

    /// <summary>When the command's reply is due (a timestamp of the session's <see cref="ICommandContext.Time"/>); 0 for none.</summary>
    public long Deadline { get; set; }

    /// <summary>Set by the watchdog once it failed the command's outcome for its deadline.</summary>
    public bool DeadlinePassed { get; set; }

    /// <summary>When the command was registered and written (a timestamp of the session's <see cref="ICommandContext.Time"/>); 0 before.</summary>
    public long SentAt { get; set; }

    /// <summary>True while the command counts in the commands-in-flight metric.</summary>
    public bool CountedInFlight { get; set; }

    /// <summary>The trace of this command, when someone listens to <see cref="Diagnostics.ImapTelemetry"/>.</summary>
    public System.Diagnostics.Activity? Activity { get; set; }

    /// <summary>
    /// For commands that claim untagged FETCH data per message (FETCH, STORE): the messages they address and whether
    /// by UID. Untagged FETCH data names no tag, so two such commands whose messages may overlap do not run side by side.
    /// </summary>
    public virtual (SequenceSet Set, bool ByUid)? ClaimedMessages => null;

    /// <summary>Untagged data this command claims that does not say which command it answers.</summary>
    public virtual ClaimedData ClaimedData => ClaimedData.None;

    /// <summary>
    /// Whether a response code in the tagged OK describes the selected mailbox (HIGHESTMODSEQ after EXPUNGE, READ-WRITE
    /// ending SELECT). False for commands about another mailbox (STATUS, APPEND, CREATE …), whose codes must not
    /// change the selected one's state.
    /// </summary>
    public virtual bool CompletionDescribesSelectedMailbox => true;

    /// <summary>
    /// True when the command was given nothing to act on (an empty message set, a search that can match nothing): the
    /// session completes it at once with the result of an OK that reported nothing, and sends nothing.
    /// </summary>
    public virtual bool HasNothingToDo => false;

    /// <summary>The states the command may be sent in.</summary>
    public virtual bool IsAllowedIn(ImapConnectionState state) => state != ImapConnectionState.Logout;

    /// <summary>Writes the command after the tag, CRLF included.</summary>
    public abstract void Encode(CommandBuilder builder, ICommandContext context);

    /// <summary>Called under the write lock just before the command is registered and written.</summary>
    public virtual void OnSending(ICommandContext context) { }

    /// <summary>Offered each untagged response while in flight, after the mailbox state saw it. True to keep it from others.</summary>
    public virtual bool TryClaim(ImapResponse response) => false;

    /// <summary>
    /// Told of every EXPUNGE and VANISHED (not EARLIER) while in flight, after the mailbox state and before any command
    /// claims it: a command holding sequence-numbered results keeps them true to the server's numbering.
    /// </summary>
    public virtual void OnMessagesRemoved(ImapResponse removal) { }

    /// <summary>Offered each untagged FETCH's message while in flight, after the mailbox state saw it. True to keep it from others.</summary>
    public virtual bool TryClaimFetch(FetchedMessage message) => false;

    /// <summary>Offered each untagged LIST or LSUB mailbox while in flight. True to keep it from others.</summary>
    public virtual bool TryClaimList(MailboxListEntry mailbox, bool isLsub) => false;

    /// <summary>The first response this command would have claimed but that could not be parsed.</summary>
    protected ImapUnparsableResponse? Unparsable { get; private set; }

    /// <summary>
    /// Offered an untagged response that could not be parsed. A command that would have claimed it takes it and fails
    /// when it completes: its result would be missing data the server sent.
    /// </summary>
    public bool TryClaimUnparsable(ImapUnparsableResponse response)
    {
        if (!WouldClaim(response))
        {
            return false;
        }

        Unparsable ??= response;
        return true;
    }

    /// <summary>Whether an unparsable response with this keyword and number is of the kind this command claims.</summary>
    protected virtual bool WouldClaim(ImapUnparsableResponse response) => false;

    /// <summary>
    /// For commands that converse (AUTHENTICATE): the bytes to send (CRLF included) in answer to a continuation
    /// after the command line was written, or null when the command expects none.
    /// </summary>
    public virtual ReadOnlyMemory<byte>? Answer(ImapContinuationResponse continuation) => null;

    /// <summary>
    /// For conversing commands: the bytes that abort the conversation when the caller cancelled (AUTHENTICATE's
    /// <c>*</c>), or null when the command cannot be aborted and must run to its end.
    /// </summary>
    public virtual ReadOnlyMemory<byte>? CancelConversation(CancellationToken cancellationToken) => null;

    /// <summary>True for commands that converse after their command line (AUTHENTICATE, IDLE).</summary>
    public virtual bool Converses => false;

    /// <summary>
    /// For conversing commands whose answer is not ready at once (IDLE waits to be told to stop). By default, the
    /// synchronous <see cref="Answer"/>.
    /// </summary>
    public virtual ValueTask<ReadOnlyMemory<byte>?> AnswerAsync(ImapContinuationResponse continuation, ICommandContext context) =>
        new(Answer(continuation));

    /// <summary>Whether the protocol log must hide the answers (SASL responses); IDLE's DONE is no secret.</summary>
    public virtual bool AnswersAreSecret => true;

    /// <summary>Commands that may rightly wait for the server for a long time (IDLE): no command timeout applies.</summary>
    public virtual bool IsLongRunning => false;

    /// <summary>
    /// Asked by a command queued behind this long-running one (see <see cref="ICommandContext.OnIdling"/>): end early
    /// if the caller allowed that, else carry on.
    /// </summary>
    public virtual void Interrupt() { }

    /// <summary>The body-streaming hooks of a command with <see cref="CommandTraits.StreamsBodies"/>; null for others.</summary>
    public virtual IBodyStreamer? BodyStreamer => null;

    /// <summary>Called on the reader loop with the tagged completion.</summary>
    public void Complete(ICommandContext context, ImapStatusResponse completion)
    {
        try
        {
            OnCompleted(context, completion);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A result that cannot be built fails this command only.
            Fail(ex);
        }
        finally
        {
            MarkDone();
        }
    }

    public void Fail(Exception exception)
    {
        SetException(exception);
        MarkDone();
    }

    /// <summary>The caller stops waiting; the command stays in flight until its tagged response is consumed.</summary>
    public void TimeOut(TimeoutException exception) => SetException(exception);

    private void MarkDone()
    {
        Interlocked.Exchange(ref _completed, 1);
        Volatile.Read(ref _done)?.TrySetResult();
    }

    protected abstract void OnCompleted(ICommandContext context, ImapStatusResponse completion);

    protected abstract void SetException(Exception exception);

    /// <summary>Nobody will await the outcome (sending failed, and the caller got that error instead).</summary>
    public abstract void AbandonOutcome();
}

/// <summary>A command whose caller awaits a <typeparamref name="TResult"/>.</summary>
internal abstract class ImapCommand<TResult> : ImapCommand
{
    private readonly TaskCompletionSource<TResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TResult> Outcome => _result.Task;

    protected override void OnCompleted(ICommandContext context, ImapStatusResponse completion)
    {
        if (!Succeeded(completion))
        {
            OnFailed(context);
            _result.TrySetException(CreateFailure(completion));
            return;
        }

        if (Unparsable is { } unparsable)
        {
            _result.TrySetException(new ImapProtocolException(
                $"{Name} completed, but a {unparsable.Keyword} response it would have received could not be parsed: {unparsable.Error.Message}",
                unparsable.Error));
            return;
        }

        _result.TrySetResult(BuildResult(context, completion));
    }

    /// <summary>Whether the tagged completion reports success: OK.</summary>
    protected virtual bool Succeeded(ImapStatusResponse completion) => completion.Status == ImapStatus.Ok;

    /// <summary>Builds the result from what the command claimed and the tagged OK.</summary>
    protected abstract TResult BuildResult(ICommandContext context, ImapStatusResponse completion);

    /// <summary>Called on a tagged NO or BAD, before the caller sees the exception.</summary>
    protected virtual void OnFailed(ICommandContext context) { }

    /// <summary>The exception for a tagged NO or BAD.</summary>
    protected virtual Exception CreateFailure(ImapStatusResponse completion) => new ImapCommandException(Name, completion);

    protected override void SetException(Exception exception) => _result.TrySetException(exception);

    public override void AbandonOutcome() => ImapSession.Observe(_result.Task);
}
