using System.Runtime.CompilerServices;
using ImapClient.Diagnostics;
using ImapClient.Protocol;
using ImapClient.Transport;

namespace ImapClient.Session;

/// <summary>
/// The engine of one connection: one reader loop that parses and routes every response, one writer that sends whole
/// commands in order, the table of commands in flight, the selected-mailbox state and the connection state machine.
/// </summary>
internal sealed partial class ImapSession : IAsyncDisposable, ICommandContext
{
    // This file: lifecycle (connect, fault, dispose) and the connection state machine. Fields used by several
    // partial files live here, each with who uses it; a field used by one concern lives in that concern's file.
    private volatile ImapTransport _transport; // reader, writer, swap, watchdog
    private readonly ImapConnectionOptions _options; // writer, watchdog, logs
    private readonly TimeProvider _time; // writer, streaming, swap, watchdog, logs
    private readonly FetchResponseReader _fetch; // reader and streaming (FETCH parsing)
    private readonly RawValueArena _arena = new(); // reader and streaming (parsed values)
    private readonly EventDispatcher _dispatcher = new(); // reader and logs (user callbacks off the read loop)
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2213", Justification = "No wait handle is ever asked for, so nothing to free; a write racing Dispose gets the connection's closed error, not ObjectDisposedException.")]
    private readonly SemaphoreSlim _writeLock = new(1, 1); // writer, flush batching, swap
    private readonly Lock _inflightLock = new(); // guards _inflight: reader, writer, streaming, watchdog, flush batching
    private readonly List<ImapCommand> _inflight = []; // under _inflightLock
    private TaskCompletionSource<ImapContinuationResponse>? _continuation; // set by the writer, completed by the reader
    private ImapConnectionException? _fault; // set here, read by reader, streaming, watchdog, flush batching
    private Task _readLoop = Task.CompletedTask; // started here and by the swap
    private volatile ImapConnectionState _state = ImapConnectionState.NotAuthenticated; // here and the writer
    private volatile ImapCapabilities _capabilities = ImapCapabilities.None; // reader, writer, swap
    private volatile MailboxState? _mailbox; // reader, writer, streaming
    private volatile bool _closing; // here and the writer
    private volatile bool _utf8MailboxNames;

    private ImapSession(ImapTransport transport, ImapConnectionOptions options, ISessionEvents events)
    {
        _transport = transport;
        _options = options;
        _time = options.TimeProvider;
        _events = events;
        _limits = new ImapLimits
        {
            MaxLineLength = options.MaxLineLength,
            MaxResultLineLength = Math.Max(options.MaxLineLength, ImapLimits.Default.MaxResultLineLength),
            MaxLiteralSize = options.MaxLiteralSize,
            MaxNestingDepth = options.MaxNestingDepth,
            MaxFetchItems = options.MaxFetchItems,
            Quirks = options.Quirks,
        };
        _scanner = new ResponseScanner(_limits);
        _fetch = new FetchResponseReader(_limits);
    }

    public ImapConnectionState State => _state;

    /// <summary>The server defects this connection tolerates.</summary>
    public ImapQuirks Quirks => _options.Quirks;

    /// <summary>
    /// The clock behind every timeout, delay and measured duration of this connection (taken from the options once,
    /// so that timestamps taken before and after a change of the options compare).
    /// </summary>
    public TimeProvider Time => _time;

    public ImapCapabilities Capabilities => _capabilities;

    /// <summary>True after a sign-in whose OK listed no capabilities: the list from before may be out of date.</summary>
    public bool CapabilitiesStale => _capabilitiesStale;

    public void MarkCapabilitiesStale() => _capabilitiesStale = true;

    public MailboxState? Mailbox => _mailbox;

    /// <summary>
    /// True once the server agreed that mailbox names travel as UTF-8 instead of modified UTF-7 (ENABLE UTF8=ACCEPT,
    /// RFC 6855, or an enabled IMAP4rev2; see <see cref="RecordEnabled"/>). Every name sent
    /// (<see cref="MailboxToWire"/>) and parsed follows it from then on.
    /// </summary>
    public bool Utf8MailboxNames
    {
        get => _utf8MailboxNames;
        set => _utf8MailboxNames = value;
    }

    /// <summary>
    /// The wire form of a mailbox name or LIST pattern. Every command that sends one passes here, so a control
    /// character (CR, LF …) is refused for all of them before anything is written.
    /// </summary>
    public string MailboxToWire(string name)
    {
        if (name.Length > 0)
        {
            MailboxName.Validate(name, nameof(name));
        }

        return MailboxName.ToWire(name, Utf8MailboxNames);
    }

    public ImapTransport Transport => _transport;

    /// <summary>The BYE the server sent, if any.</summary>
    public ImapStatusResponse? Bye => _bye;

    /// <summary>Errors thrown by the caller's event handlers.</summary>
    public event Action<Exception>? HandlerFailed
    {
        add => _dispatcher.HandlerFailed += value;
        remove => _dispatcher.HandlerFailed -= value;
    }

    /// <summary>Starts the reader loop and waits for the greeting. A BYE greeting throws.</summary>
    public static async Task<(ImapSession Session, ImapStatusResponse Greeting)> StartAsync(
        ImapTransport transport, ImapConnectionOptions options, ISessionEvents events, CancellationToken cancellationToken, string? server = null)
    {
        var session = new ImapSession(transport, options, events);
        session._readLoop = Task.Run(session.ReadLoopAsync, CancellationToken.None);
        try
        {
            var greeting = await session._greeting.Task.WaitAsync(options.GreetingTimeout, session._time, cancellationToken).ConfigureAwait(false);
            switch (greeting.Status)
            {
                case ImapStatus.Bye:
                    throw new ImapConnectionException($"The server refused the connection: BYE {greeting.Text}".TrimEnd());
                case ImapStatus.PreAuth:
                    session._state = ImapConnectionState.Authenticated;
                    break;
                case ImapStatus.Ok:
                    break;
                default:
                    throw new ImapProtocolException($"The server's greeting was {greeting}, not OK, PREAUTH or BYE.");
            }

            return (session, greeting);
        }
        catch (Exception ex)
        {
            session.Fault(ex);
            await session.DisposeAsync().ConfigureAwait(false);
            if (ex is TimeoutException)
            {
                throw NoGreeting(transport, options, server, ex);
            }

            throw;
        }
    }

    /// <summary>Sends the command and awaits its result.</summary>
    /// <remarks>
    /// One deadline covers the command's whole life: held back, queued for the writer, and awaiting its completion.
    /// When the command went out at once and the caller cannot cancel, the caller awaits the command's own task:
    /// no state machine and no timer per command (the watchdog enforces the deadline).
    /// </remarks>
    public Task<T> ExecuteAsync<T>(ImapCommand<T> command, CancellationToken cancellationToken, [CallerMemberName] string api = "")
    {
        command.Api ??= api;
        if (TryCompleteUnsent(command))
        {
            return command.Outcome;
        }

        var started = _time.GetTimestamp();
        if (!command.IsLongRunning)
        {
            SetDeadline(command, started);
        }

        var sending = SendAsync(command, started, cancellationToken);
        return sending.IsCompletedSuccessfully && !cancellationToken.CanBeCanceled
            ? command.Outcome
            : AwaitOutcomeAsync(sending, command, cancellationToken);
    }

    /// <summary>
    /// The one place where a command given nothing to act on (an empty set: an empty search result passed on) is
    /// completed at once, with the result an OK reporting nothing builds, and never sent. A command not allowed in the
    /// current state or in a read-only mailbox, or a broken connection, still goes the usual way and fails as it would
    /// with a set; if it becomes allowed while held back (behind the SELECT that opens the mailbox), the writer completes
    /// it unsent instead of writing it.
    /// </summary>
    private bool TryCompleteUnsent(ImapCommand command)
    {
        if (!command.HasNothingToDo || _fault is not null || !command.IsAllowedIn(_state)
            || (command.ChangesMailbox && _mailbox is { IsReadOnly: true }))
        {
            return false;
        }

        CompleteUnsent(command);
        return true;
    }

    /// <summary>Completes a command that has nothing to do with the OK it would have had, without sending it.</summary>
    private void CompleteUnsent(ImapCommand command) =>
        command.Complete(this, new ImapStatusResponse("", ImapStatus.Ok, null, $"{command.Name} was given no messages, so it was not sent."));

    private static async Task<T> AwaitOutcomeAsync<T>(Task sending, ImapCommand<T> command, CancellationToken cancellationToken)
    {
        await sending.ConfigureAwait(false);
        try
        {
            return await command.Outcome.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The command stays registered: its completion, when it comes, is consumed and the stream stays in sync.
            Observe(command.Outcome);
            throw;
        }
    }

    /// <summary>Nobody will await this task any more: a later failure must not surface as an unobserved exception.</summary>
    public static void Observe(Task task) =>
        task.ContinueWith(static t => t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>Performs a state change a command asked for (<see cref="ICommandContext.RequestTransition"/>).</summary>
    public void RequestTransition(SessionTransition transition)
    {
        switch (transition.Kind)
        {
            case SessionTransitionKind.Authenticated:
                SetState(ImapConnectionState.Authenticated);
                break;
            case SessionTransitionKind.Selecting:
                BeginSelect(transition.Mailbox!, transition.ReadOnly);
                break;
            case SessionTransitionKind.Selected:
                SetState(ImapConnectionState.Selected);
                break;
            case SessionTransitionKind.Unselected:
                ClearSelection();
                break;
            case SessionTransitionKind.LoggedOut:
                SetState(ImapConnectionState.Logout);
                break;
            case SessionTransitionKind.SwapTransport:
                StopReadingForSwap();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(transition), transition.Kind, "Unknown session transition.");
        }
    }

    private void SetState(ImapConnectionState state)
    {
        if (_fault is null)
        {
            _state = state;
        }
    }

    /// <summary>Starts tracking a mailbox that a SELECT or EXAMINE in flight is opening.</summary>
    private void BeginSelect(string name, bool examine) => _mailbox = new MailboxState(name, examine);

    /// <summary>A failed SELECT leaves no mailbox selected (RFC 3501 section 6.3.1).</summary>
    private void ClearSelection()
    {
        _mailbox = null;
        if (_state == ImapConnectionState.Selected)
        {
            SetState(ImapConnectionState.Authenticated);
        }
    }

    /// <summary>Fails every command in flight and stops the connection. The first cause wins; later calls do nothing.</summary>
    public void Fault(Exception cause)
    {
        var fault = cause as ImapConnectionException
            ?? new ImapConnectionException($"The connection is broken: {cause.Message}", cause);
        if (Interlocked.CompareExchange(ref _fault, fault, null) is not null)
        {
            return;
        }

        // After LOGOUT or the caller's own close, the end of the connection is no news.
        var expected = _state == ImapConnectionState.Logout || _closing;
        _state = ImapConnectionState.Logout;
        ImapCommand[] failed;
        lock (_inflightLock)
        {
            failed = [.. _inflight];
            _inflight.Clear();
            _listClaimant = null;
            _streamingCommands = 0;
        }

        if (!expected)
        {
            ImapLog.ConnectionBroken(Logger, fault.Message, fault.InnerException);
        }

        foreach (var command in failed)
        {
            OnCommandAbandoned(command, fault);
            command.Fail(fault);
        }

        if (Interlocked.Exchange(ref _continuation, null) is { } continuation)
        {
            // Its waiter may have stopped waiting already (it timed out, or the command completed instead).
            continuation.TrySetException(fault);
            Observe(continuation.Task);
        }

        _greeting.TrySetException(fault);
        Observe(_greeting.Task);
        CancelStreaming();
        _transport.Abort();
    }

    /// <summary>How long closing waits for a write in progress to end before it closes the transport regardless.</summary>
    private static readonly TimeSpan DisposeWriterWait = TimeSpan.FromSeconds(2);

    public async ValueTask DisposeAsync()
    {
        _closing = true;
        Fault(new ImapConnectionException("The connection was closed by the caller."));
        StopWatchdog();
        try
        {
            await _readLoop.ConfigureAwait(false);
        }
        finally
        {
            // A flush may still be running (a caller's command, or the shared flush): the writer is not thread-safe,
            // and completing it underneath would return its buffers twice. The fault has aborted the transport, so a
            // write in progress ends at once; the wait is bounded all the same, because a streamed literal holding
            // the writer may be waiting on the caller's own stream.
            var writerIdle = await EnterWriteLockAsync(DisposeWriterWait, CancellationToken.None).ConfigureAwait(false);
            try
            {
                await _transport.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                if (writerIdle)
                {
                    _writeLock.Release();
                }
            }

            await _dispatcher.CompleteAsync().ConfigureAwait(false);

            // _writeLock is deliberately not disposed: commands that were held back or queued still pass through it
            // on their way out (they fail with the fault), and a disposed SemaphoreSlim would throw in their Release
            // or never wake their WaitAsync. It holds no wait handle unless AvailableWaitHandle is used, which it is not.
        }
    }

    /// <summary>True once the caller disposed the connection.</summary>
    public bool IsDisposed => _closing;

    /// <summary>What every call made after DisposeAsync throws (a call already in flight fails with the fault instead).</summary>
    public static ObjectDisposedException Disposed() =>
        new(nameof(ImapConnection), "The connection was disposed (DisposeAsync); connect again to send more commands.");

    private void ThrowIfFaulted()
    {
        if (_fault is { } fault)
        {
            throw new ImapConnectionException(fault.Message, fault);
        }
    }

    /// <summary>What is left of the command timeout for a command started at <paramref name="started"/>.</summary>
    private TimeSpan Remaining(long started)
    {
        if (_options.CommandTimeout == Timeout.InfiniteTimeSpan)
        {
            return Timeout.InfiniteTimeSpan;
        }

        var left = _options.CommandTimeout - _time.GetElapsedTime(started);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>
    /// Takes the write lock, waiting at most <paramref name="timeout"/> on the session's clock; false when the time ran
    /// out. A free lock is taken at once, with no timer.
    /// </summary>
    private async ValueTask<bool> EnterWriteLockAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // As SemaphoreSlim.WaitAsync does: a token already cancelled wins even over a free lock.
        cancellationToken.ThrowIfCancellationRequested();
        if (_writeLock.Wait(0, CancellationToken.None))
        {
            return true;
        }

        if (timeout == Timeout.InfiniteTimeSpan)
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (ReferenceEquals(_time, TimeProvider.System))
        {
            return await _writeLock.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }

        if (timeout <= TimeSpan.Zero)
        {
            return false;
        }

        // SemaphoreSlim's own timeout runs on the system clock; a token from a timer of ours follows the session's.
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            await _writeLock.WaitAsync(linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Why no greeting came. Over a connection without TLS, the likeliest cause is a port that expects implicit TLS:
    /// such a server waits for the client's TLS handshake and says nothing.
    /// </summary>
    private static TimeoutException NoGreeting(ImapTransport transport, ImapConnectionOptions options, string? server, Exception inner)
    {
        var who = server ?? "The server";
        return !transport.IsEncrypted
            ? new TimeoutException(
                $"{who} sent no greeting within {options.GreetingTimeout}. A server that stays silent on a connection without TLS "
                + "is usually listening for implicit TLS (as on port 993): connect with ImapSecurity.ImplicitTls.", inner)
            : new TimeoutException($"{who} sent no greeting within {options.GreetingTimeout}.", inner);
    }
}
