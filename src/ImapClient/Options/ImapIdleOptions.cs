namespace ImapClient;

/// <summary>How <see cref="ImapConnection.IdleAsync(ImapIdleOptions, CancellationToken, CancellationToken)"/> waits.</summary>
public sealed class ImapIdleOptions
{
    /// <summary>
    /// IDLE is ended and issued again after this long, because servers drop connections that stay silent (RFC 2177
    /// allows 30 minutes; Gmail and some proxies much less). Default 29 minutes.
    /// </summary>
    public TimeSpan RestartInterval { get; set; } = TimeSpan.FromMinutes(29);

    /// <summary>
    /// When true (the default), a command issued by another task while IDLE is active ends the IDLE, runs, and IDLE
    /// resumes. When false, such commands wait until the IDLE ends; their
    /// <see cref="ImapConnectionOptions.CommandTimeout"/> keeps running while they wait.
    /// </summary>
    public bool AllowInterruptions { get; set; } = true;

    /// <summary>How often to poll with NOOP when the server does not offer IDLE. Default 1 minute.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);
}
