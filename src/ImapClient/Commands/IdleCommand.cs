using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>Why an IDLE ended.</summary>
internal enum IdleStop
{
    None,

    /// <summary>The caller asked to stop (or cancelled).</summary>
    Caller,

    /// <summary>The restart interval passed: IDLE is re-issued so the server does not drop a silent connection.</summary>
    Restart,

    /// <summary>Another task wants to send a command: it runs, then IDLE is re-issued.</summary>
    Interrupted,
}

/// <summary>
/// IDLE (RFC 2177): after the server's <c>+</c> the command waits, holding the writer, until it is told to stop; then
/// it sends DONE and the server completes it. Untagged data meanwhile is not claimed: it reaches the events.
/// </summary>
internal sealed class IdleCommand(bool allowInterruptions, TimeSpan restartAfter, CancellationToken stop) : ImapCommand<ImapStatusResponse>
{
    private static readonly ReadOnlyMemory<byte> DoneLine = "DONE\r\n"u8.ToArray();
    private readonly TaskCompletionSource<IdleStop> _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _idling;

    public override string Name => "IDLE";

    /// <summary>Nothing else is written while IDLE is active, and it waits for everything in flight before it.</summary>
    public override CommandTraits Traits => CommandTraits.Barrier;

    public override bool Converses => true;

    public override bool IsLongRunning => true;

    public override bool AnswersAreSecret => false;

    public bool AllowsInterruptions => allowInterruptions;

    public override bool IsAllowedIn(ImapConnectionState state) =>
        state is ImapConnectionState.Authenticated or ImapConnectionState.Selected;

    public override void Encode(CommandBuilder builder, ICommandContext context) => builder.Raw("IDLE"u8).EndLine();

    /// <summary>Asks the IDLE to end; the first reason wins.</summary>
    public void RequestStop(IdleStop reason) => _stop.TrySetResult(reason);

    /// <summary>A command queued behind this IDLE ends it now, when the caller allowed that.</summary>
    public override void Interrupt()
    {
        if (allowInterruptions)
        {
            RequestStop(IdleStop.Interrupted);
        }
    }

    public override async ValueTask<ReadOnlyMemory<byte>?> AnswerAsync(ImapContinuationResponse continuation, ICommandContext context)
    {
        if (_idling)
        {
            return null; // A second "+" after DONE makes no sense: the writer reports it.
        }

        _idling = true;
        context.OnIdling(this);
        using var onStop = stop.Register(static state => ((IdleCommand)state!).RequestStop(IdleStop.Caller), this);
        using var restart = new CancellationTokenSource(restartAfter, context.Time);
        using var onRestart = restart.Token.Register(static state => ((IdleCommand)state!).RequestStop(IdleStop.Restart), this);
        await Task.WhenAny(_stop.Task, Done).ConfigureAwait(false);
        if (Done.IsCompleted)
        {
            // The connection broke (BYE, reset) or the server ended the IDLE itself: nothing to send. A failure is
            // rethrown as it is, BYE text included; a completion lets the writer see the command done.
            await Outcome.ConfigureAwait(false);
            return ReadOnlyMemory<byte>.Empty;
        }

        return DoneLine;
    }

    protected override ImapStatusResponse BuildResult(ICommandContext context, ImapStatusResponse completion) => completion;
}
