using Microsoft.Extensions.Logging;

namespace ImapClient.Diagnostics;

/// <summary>
/// Every log message, with stable event ids (1xx connection, 2xx authentication, 3xx commands, 4xx faults). Secrets
/// never reach these: passwords, tokens and SASL responses are not parameters of any of them.
/// </summary>
internal static partial class ImapLog
{
    [LoggerMessage(100, LogLevel.Information, "Connecting to {Host}:{Port} ({Security})")]
    public static partial void Connecting(ILogger logger, string host, int port, ImapSecurity security);

    [LoggerMessage(101, LogLevel.Information, "Connected to {Host}:{Port}: {Greeting}")]
    public static partial void Connected(ILogger logger, string host, int port, string greeting);

    [LoggerMessage(102, LogLevel.Information, "TLS established: {Protocol}, {CipherSuite}")]
    public static partial void TlsEstablished(ILogger logger, System.Security.Authentication.SslProtocols protocol, string cipherSuite);

    [LoggerMessage(200, LogLevel.Information, "Signing in as {User} with {Mechanism}")]
    public static partial void Authenticating(ILogger logger, string user, string mechanism);

    [LoggerMessage(201, LogLevel.Information, "Signed in as {User}")]
    public static partial void Authenticated(ILogger logger, string user);

    [LoggerMessage(202, LogLevel.Warning, "Sign-in as {User} with {Mechanism} failed: {Reason}")]
    public static partial void AuthenticationFailed(ILogger logger, string user, string mechanism, string reason);

    [LoggerMessage(300, LogLevel.Debug, "{Tag} {Command} completed {Status} in {ElapsedMs:F1} ms")]
    public static partial void CommandCompleted(ILogger logger, string tag, string command, ImapStatus status, double elapsedMs);

    [LoggerMessage(301, LogLevel.Debug, "{Tag} {Command} timed out after {ElapsedMs:F1} ms")]
    public static partial void CommandTimedOut(ILogger logger, string tag, string command, double elapsedMs);

    [LoggerMessage(400, LogLevel.Warning, "The server sent a response that could not be parsed ({Keyword}): {Message}")]
    public static partial void UnparsableResponse(ILogger logger, string keyword, string message);

    [LoggerMessage(402, LogLevel.Warning, "The server completed tag {Tag}, which no command in flight carries; ignored: {Response}")]
    public static partial void UnexpectedCompletion(ILogger logger, string tag, string response);

    [LoggerMessage(401, LogLevel.Warning, "The connection broke: {Message}")]
    public static partial void ConnectionBroken(ILogger logger, string message, Exception? exception);
}
