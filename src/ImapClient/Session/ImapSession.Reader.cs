using ImapClient.Diagnostics;
using ImapClient.Protocol;

namespace ImapClient.Session;

/// <summary>The reader loop: the only code that reads the connection. It runs no user code.</summary>
/// <remarks>
/// Owns the scanner and parse limits, the greeting, BYE, stale-capability flag, the LIST claimant and the events sink.
/// </remarks>
internal sealed partial class ImapSession
{
    private readonly ImapLimits _limits;
    private readonly ResponseScanner _scanner;
    private readonly ISessionEvents _events;
    private readonly TaskCompletionSource<ImapStatusResponse> _greeting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ImapStatusResponse? _bye;
    private volatile bool _capabilitiesStale;

    // The reader loop's memory of who takes LIST (or LSUB) lines; see DispatchList.
    private ImapCommand? _listClaimant;
    private bool _listClaimantIsLsub;

    private async Task ReadLoopAsync()
    {
        var input = _transport.Input;
        try
        {
            while (true)
            {
                var read = input.ReadAsync();
                var result = read.IsCompleted || !_dispatcher.HasHeld
                    ? await read.ConfigureAwait(false)
                    : await new RunHeldEventsWhileWaiting(read, _dispatcher);
                _dispatcher.Release(); // What the read completed at once left held (more data was there): a work item runs it.
                NoteReceived();
                if (result.IsCanceled || _fault is not null)
                {
                    return;
                }

                _dispatcher.Hold();

                var buffer = result.Buffer;
                try
                {
                    while (_fault is null)
                    {
                        if (_literal is not null)
                        {
                            if (buffer.IsEmpty)
                            {
                                break;
                            }

                            // The pump may wait for the caller to read the body: nothing the caller may wait for stays held.
                            _dispatcher.Release();
                            buffer = await PumpLiteralAsync(buffer).ConfigureAwait(false);
                            _dispatcher.Hold();
                            continue;
                        }

                        var scan = _scanner.Scan(buffer, StreamingWanted, out var length, out var literalLength);
                        if (scan == ScanResult.NeedMore)
                        {
                            break;
                        }

                        if (scan == ScanResult.LiteralAhead)
                        {
                            // Stream it to its command, or (not a body we stream) scan on and keep it in memory.
                            _dispatcher.Release();
                            var streamed = await TryStreamBodyAsync(buffer, length, literalLength).ConfigureAwait(false);
                            _dispatcher.Hold();
                            if (streamed)
                            {
                                buffer = buffer.Slice(length);
                                _scanner.Reset();
                                _fetch.OnBufferMoved();
                            }

                            continue;
                        }

                        if (_fetch.InResponse)
                        {
                            FinishFetchResponse(buffer, length);
                            buffer = buffer.Slice(length);
                            continue;
                        }

                        var response = buffer.Slice(0, length);
                        OnBytesReceived(length);
                        LogReceived(response);
                        var parsed = Parse(response);
                        buffer = buffer.Slice(length);
                        Dispatch(parsed);
                        if (_stopReadingForSwap)
                        {
                            // The transport changes after this response. The bytes past it are never parsed here: the
                            // swap decides (COMPRESS hands them to the decompressor, STARTTLS drops them).
                            _readPastSwap = System.Buffers.BuffersExtensions.ToArray(buffer);
                            buffer = buffer.Slice(buffer.End);
                            _scanner.Reset();
                            return;
                        }
                    }
                }
                finally
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                }

                if (result.IsCompleted)
                {
                    CompleteLogoutClosedAfterBye();
                    Fault(ClosedByServer(buffer.Length > 0));
                    return;
                }
            }
        }
#pragma warning disable CA1031 // Every failure of the loop is delivered to the commands in flight through Fault.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Fault(ex);
        }
        finally
        {
            _dispatcher.Release();
            FailStreamedLiteral();
        }
    }

    /// <summary>
    /// Awaits the reader loop's next read; when it has to wait, the thread it leaves runs the event handler calls the
    /// loop held meanwhile (<see cref="EventDispatcher"/>). The read's continuation is registered before they run, so
    /// a handler that awaits a command, or blocks on one, does not stop the reading its command needs.
    /// </summary>
    private readonly struct RunHeldEventsWhileWaiting(ValueTask<System.IO.Pipelines.ReadResult> read, EventDispatcher dispatcher)
        : System.Runtime.CompilerServices.ICriticalNotifyCompletion
    {
        public RunHeldEventsWhileWaiting GetAwaiter() => this;

        public bool IsCompleted => read.IsCompleted;

        public System.IO.Pipelines.ReadResult GetResult() => read.ConfigureAwait(false).GetAwaiter().GetResult();

        public void OnCompleted(Action continuation) => throw new NotSupportedException();

        public void UnsafeOnCompleted(Action continuation)
        {
            // Taken before the continuation is registered: once it is, the loop may already run on (and hold again) elsewhere.
            var runHere = dispatcher.TakeHeld();
            read.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(continuation);
            if (!runHere)
            {
                return;
            }

            if (SynchronizationContext.Current is null)
            {
                dispatcher.DrainHere();
            }
            else
            {
                dispatcher.DrainElsewhere();
            }
        }
    }

    /// <summary>
    /// Some servers close right after the BYE of LOGOUT without its tagged OK. The caller asked to leave and the
    /// server left: that is a successful LOGOUT, not a broken connection.
    /// </summary>
    private void CompleteLogoutClosedAfterBye()
    {
        if (_bye is null)
        {
            return;
        }

        ImapCommand? logout;
        lock (_inflightLock)
        {
            logout = _inflight.Find(static c => (c.Traits & CommandTraits.Logout) != 0);
            if (logout is not null)
            {
                _inflight.Remove(logout);
                OnRemovedByReader(logout);
            }
        }

        if (logout is not null)
        {
            OnCommandCompleted(logout, ImapStatus.Ok);
            logout.Complete(this, new ImapStatusResponse(logout.Tag, ImapStatus.Ok, null, _bye.Text));
        }
    }

    private ImapConnectionException ClosedByServer(bool midResponse)
    {
        if (_bye is { } bye)
        {
            return new ImapConnectionException($"The server closed the connection after BYE: {bye.Text}".TrimEnd());
        }

        return new ImapConnectionException(midResponse
            ? "The server closed the connection in the middle of a response."
            : "The server closed the connection.");
    }

    /// <summary>
    /// Parses one complete response. A response that was framed correctly but cannot be parsed becomes an
    /// <see cref="ImapUnparsableResponse"/>: the stream is still in step, so it fails only whom it concerns.
    /// A continuation cannot be attributed to anyone and still breaks the connection.
    /// </summary>
    private ParsedResponse Parse(in System.Buffers.ReadOnlySequence<byte> response)
    {
        try
        {
            return ResponseParser.Parse(response, _limits, _arena, Utf8MailboxNames, deferTags: true);
        }
        catch (ImapProtocolException ex) when (response.FirstSpan is not [(byte)'+', ..])
        {
            var described = ResponseParser.DescribeUnparsable(response, _limits, ex);
            ImapLog.UnparsableResponse(Logger, ((ImapUnparsableResponse)described.Response).Keyword, ex.Message);
            return described;
        }
    }

    private void Dispatch(ParsedResponse parsed)
    {
        switch (parsed.Kind)
        {
            case ResponseKind.Continuation:
                DispatchContinuation((ImapContinuationResponse)parsed.Response);
                break;
            case ResponseKind.Untagged when parsed.Fetched is { } message && _greeting.Task.IsCompleted:
                DispatchFetch(message);
                break;
            case ResponseKind.Untagged when parsed.Listed is { } mailbox && _greeting.Task.IsCompleted:
                DispatchList(mailbox, parsed.IsLsub);
                break;
            case ResponseKind.Tagged when parsed.Response is ImapUnparsableResponse unparsable:
                DispatchUnparsableTagged(unparsable);
                break;
            case ResponseKind.Tagged:
                DispatchTagged((ImapStatusResponse)parsed.Response, parsed.TagKey);
                break;
            default:
                DispatchUntagged(parsed.Response);
                break;
        }
    }

    // Separate methods, so the closures they create are allocated only for the responses that need them.
    private void DispatchContinuation(ImapContinuationResponse continuation)
    {
        Interlocked.Exchange(ref _continuation, null)?.TrySetResult(continuation);
        _dispatcher.Post(() => _events.OnContinuationRequested(continuation.Text));
    }

    /// <summary>Message data: the mailbox state, then the commands, and only unclaimed data becomes an event.</summary>
    private void DispatchFetch(FetchedMessage message)
    {
        _mailbox?.ApplyFetch(message);
        if (IndexOfCommand(message, static (command, message) => command.TryClaimFetch(message)) < 0)
        {
            RaiseUnsolicited(new ImapFetchResponse(message));
        }
        else if (message.ParseAheadWanted)
        {
            // After the claim, outside the command table's lock: commands being sent meanwhile need not wait.
            message.ParseAhead();
        }
    }

    /// <summary>A mailbox (LIST, LSUB): the mailbox state has no use for it; only an unclaimed one becomes an event.</summary>
    private void DispatchList(MailboxListEntry mailbox, bool isLsub)
    {
        // A LIST of thousands goes to one command: the one that took the first line stays the first to claim the
        // rest until it leaves the table, since commands only join at the end and whether one claims a LIST or LSUB
        // never changes. Only this loop removes commands (Fault aside, after which nothing is dispatched), so the
        // lock is taken once per LIST instead of once per line.
        if (_listClaimant is { } claimant && _listClaimantIsLsub == isLsub)
        {
            claimant.TryClaimList(mailbox, isLsub);
            return;
        }

        lock (_inflightLock)
        {
            foreach (var command in _inflight)
            {
                if (command.TryClaimList(mailbox, isLsub))
                {
                    _listClaimant = command;
                    _listClaimantIsLsub = isLsub;
                    return;
                }
            }
        }

        RaiseUnsolicited(new ImapListResponse(isLsub, mailbox));
    }

    /// <summary>Called by this loop for each command it takes out of the table, under the in-flight lock.</summary>
    private void OnRemovedByReader(ImapCommand command)
    {
        System.Diagnostics.Debug.Assert(_inflightLock.IsHeldByCurrentThread, "OnRemovedByReader runs under the in-flight lock.");
        TrackStreaming(command, -1);
        if (ReferenceEquals(command, _listClaimant))
        {
            _listClaimant = null;
        }
    }

    /// <summary>
    /// The first command in flight for which <paramref name="match"/> holds (for claims: the one that took the data),
    /// or -1. Takes the in-flight lock; the state keeps the (static) delegate from allocating.
    /// </summary>
    private int IndexOfCommand<TState>(TState state, Func<ImapCommand, TState, bool> match)
    {
        lock (_inflightLock)
        {
            for (var i = 0; i < _inflight.Count; i++)
            {
                if (match(_inflight[i], state))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    /// <summary>A completion that cannot be parsed still ends its command (with the error); the stream is in step.</summary>
    private void DispatchUnparsableTagged(ImapUnparsableResponse unparsable)
    {
        ImapCommand? command = null;
        lock (_inflightLock)
        {
            var index = IndexOfCommand(unparsable.Tag, static (command, tag) => command.Tag == tag);
            if (index >= 0)
            {
                command = _inflight[index];
                _inflight.RemoveAt(index);
                OnRemovedByReader(command);
            }
        }

        if (command is null)
        {
            RaiseUnexpectedCompletion(unparsable.Tag ?? "", unparsable, unparsable.Error);
            return;
        }

        var failure = new ImapProtocolException(
            $"The server's completion of {command.Name} could not be parsed: {unparsable.Error.Message}", unparsable.Error);
        OnCommandAbandoned(command, failure);
        command.Fail(failure);
    }

    private void DispatchTagged(ImapStatusResponse completion, ulong tagKey)
    {
        ImapCommand? command = null;
        lock (_inflightLock)
        {
            var index = tagKey != 0
                ? IndexOfCommand(tagKey, static (command, key) => command.TagKey == key)
                : IndexOfCommand(completion.Tag, static (command, tag) => command.Tag == tag);
            if (index >= 0)
            {
                command = _inflight[index];
                _inflight.RemoveAt(index);
                OnRemovedByReader(command);
            }
        }

        // The parser left the tag to us: the command's own string, so the completion costs no string of its own.
        completion.Tag ??= command?.Tag ?? TagKey.Unpack(tagKey);

        if (command is null)
        {
            RaiseUnexpectedCompletion(completion.Tag, completion,
                new ImapProtocolException($"The server completed tag {completion.Tag}, which no command in flight carries: {completion}"));
            return;
        }

        ApplyStatusCode(completion);
        if (command.CompletionDescribesSelectedMailbox)
        {
            // Before the command's result is built, so SELECT's snapshot and the caller after EXPUNGE see it.
            _mailbox?.ApplyCompletion(completion);
        }

        OnCommandCompleted(command, completion.Status);
        command.Complete(this, completion);
    }

    /// <summary>
    /// A completion for a tag no command carries (never sent, or completed already). Tags are unique per connection and
    /// the response was framed, so nothing was misrouted: it is reported and dropped. Only before the greeting, when
    /// no tagged response can be right, does it break the connection.
    /// </summary>
    private void RaiseUnexpectedCompletion(string tag, ImapResponse response, ImapProtocolException beforeGreeting)
    {
        if (!_greeting.Task.IsCompleted)
        {
            throw beforeGreeting;
        }

        ImapLog.UnexpectedCompletion(Logger, tag, response.ToString() ?? "");
        _dispatcher.Post(() => _events.OnUnexpectedCompletion(tag, response));
    }

    private void DispatchUntagged(ImapResponse response)
    {
        if (!_greeting.Task.IsCompleted)
        {
            if (response is not ImapStatusResponse greeting)
            {
                throw new ImapProtocolException("The server's first response was not a greeting (* OK, * PREAUTH or * BYE).");
            }

            ApplyStatusCode(greeting);
            _greeting.TrySetResult(greeting);
            return;
        }

        // The mailbox state sees everything first, so a command's result and the events agree with it.
        _mailbox?.Apply(response);
        if (response is ImapExpungeResponse or ImapVanishedResponse { Earlier: false })
        {
            TellCommandsOfRemoval(response);
        }
        switch (response)
        {
            case ImapCapabilityResponse capability:
                _capabilities = capability.Capabilities;
                _capabilitiesStale = false;
                break;
            case ImapStatusResponse status:
                ApplyStatusCode(status);
                if (status.Status == ImapStatus.Bye)
                {
                    OnBye(status);
                }

                break;
        }

        if (!OfferToCommands(response))
        {
            RaiseUnsolicited(response);
        }
    }

    /// <summary>
    /// Every command in flight hears of an expunge, whoever claims it: results built from sequence numbers (FETCH,
    /// STORE) must not return a removed message or a number the server has since given to another.
    /// </summary>
    private void TellCommandsOfRemoval(ImapResponse removal)
    {
        lock (_inflightLock)
        {
            foreach (var command in _inflight)
            {
                command.OnMessagesRemoved(removal);
            }
        }
    }

    private bool OfferToCommands(ImapResponse response)
    {
        lock (_inflightLock)
        {
            if (response is ImapUnparsableResponse unparsable)
            {
                // When more than one command could have been its recipient, each takes it: a result that may lack
                // data the server sent must not be delivered as complete.
                var claimed = false;
                foreach (var command in _inflight)
                {
                    claimed |= command.TryClaimUnparsable(unparsable);
                }

                return claimed;
            }

            foreach (var command in _inflight)
            {
                if (command.TryClaim(response))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void ApplyStatusCode(ImapStatusResponse status)
    {
        if (status.Code is not { } code)
        {
            return;
        }

        if (code.Kind == ImapResponseCodeKind.Capability && code.Capabilities is { } capabilities)
        {
            _capabilities = capabilities;
            _capabilitiesStale = false;
        }
        else if (code.Kind == ImapResponseCodeKind.Alert)
        {
            RaiseAlert(status.Text);
        }
    }

    private void RaiseAlert(string text) => _dispatcher.Post(() => _events.OnAlert(text));

    private void OnBye(ImapStatusResponse bye)
    {
        _bye = bye;
        _dispatcher.Post(() => _events.OnBye(bye.Text));
        bool loggingOut;
        lock (_inflightLock)
        {
            loggingOut = _inflight.Exists(static c => (c.Traits & CommandTraits.Logout) != 0);
        }

        // During LOGOUT a BYE is expected and the tagged OK follows; otherwise the server is going away now.
        if (!loggingOut)
        {
            Fault(new ImapConnectionException($"The server closed the session: BYE {bye.Text}".TrimEnd()));
        }
    }

    private void RaiseUnsolicited(ImapResponse response)
    {
        _dispatcher.Post(() => _events.OnUntaggedResponse(response));
        switch (response)
        {
            case ImapExistsResponse exists:
                _dispatcher.Post(() => _events.OnMailboxSizeChanged(exists.Count));
                break;
            case ImapExpungeResponse expunge:
                _dispatcher.Post(() => _events.OnMessageExpunged(expunge.SequenceNumber));
                break;
            case ImapVanishedResponse vanished:
                _dispatcher.Post(() => _events.OnMessagesVanished(vanished));
                break;
            case ImapFetchResponse { Message.Flags: not null } fetch:
                _dispatcher.Post(() => _events.OnFlagsChanged(fetch.Message));
                break;
        }
    }
}
