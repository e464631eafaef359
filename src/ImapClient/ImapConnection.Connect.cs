using ImapClient.Diagnostics;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using ImapClient.Commands;
using ImapClient.Session;
using ImapClient.Transport;

namespace ImapClient;

/// <summary>Connecting.</summary>
public sealed partial class ImapConnection
{
    /// <summary>Connects over TCP, optionally with TLS, and reads the server's greeting.</summary>
    /// <param name="host">The server's host name or address.</param>
    /// <param name="port">The port: usually 143 for <see cref="ImapSecurity.None"/>, 993 for <see cref="ImapSecurity.ImplicitTls"/>.</param>
    /// <param name="security">How the connection is protected.</param>
    /// <param name="options">Settings, or null for the defaults.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <returns>The connection, in the NotAuthenticated state (Authenticated after a PREAUTH greeting).</returns>
    /// <exception cref="ImapConnectionException">The server greeted with BYE, or the connection failed.</exception>
    public static async Task<ImapConnection> ConnectAsync(
        string host, int port, ImapSecurity security, ImapConnectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        options ??= new ImapConnectionOptions();
        if (options.LoggerFactory is { } loggers)
        {
            ImapLog.Connecting(loggers.CreateLogger("ImapClient.ImapConnection"), host, port, security);
        }

        // The deadline's timer runs on the options' clock (CancelAfter on a linked source would use the system's).
        using var deadline = new CancellationTokenSource(options.ConnectTimeout, options.TimeProvider);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        Stream? stream = null;
        // CA2000 cannot follow ownership here: the socket goes into the NetworkStream (ownsSocket), that into the
        // SslStream (leaveInnerStreamOpen: false), that into the transport and the connection; `stream` names the
        // outermost owner at each step and the catch blocks below dispose it until the connection takes it.
#pragma warning disable CA2000
        try
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                socket.Dispose();
                if (ex is SocketException)
                {
                    throw new ImapConnectionException($"Could not connect to {host}:{port}: {ex.Message}", ex);
                }

                throw;
            }

            stream = new NetworkStream(socket, ownsSocket: true);

            if (security == ImapSecurity.ImplicitTls)
            {
                // The first bytes are kept: a plaintext greeting where the handshake expected TLS names the likely mistake.
                var received = new FirstBytesStream(stream);
                var tls = new SslStream(received, leaveInnerStreamOpen: false);
                stream = tls;
                var sslOptions = options.CreateSslOptions(host);
                var failure = TlsFailure.Watch(sslOptions);
                try
                {
                    await tls.AuthenticateAsClientAsync(sslOptions, timeout.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is System.Security.Authentication.AuthenticationException or IOException or SocketException)
                {
                    throw failure.Explain($"The TLS handshake with {host}:{port} failed", ex, received);
                }
            }

            var connection = await StartAsync(new ImapTransport(stream), options, timeout.Token, host, port).ConfigureAwait(false);
            connection._port = port;
            ImapLog.Connected(connection._session.Logger, host, port, connection.Greeting.ToString());
            stream = null; // The connection owns it now.
            if (security is ImapSecurity.StartTlsRequired or ImapSecurity.StartTlsWhenAvailable)
            {
                try
                {
                    await connection.NegotiateStartTlsAsync(security == ImapSecurity.StartTlsRequired, timeout.Token).ConfigureAwait(false);
                }
                catch
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }

            return connection;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            await DisposeQuietlyAsync(stream).ConfigureAwait(false);
            throw new TimeoutException($"Connecting to {host}:{port} took longer than {options.ConnectTimeout}.", ex);
        }
        catch
        {
            await DisposeQuietlyAsync(stream).ConfigureAwait(false);
            throw;
        }
#pragma warning restore CA2000
    }

    /// <summary>
    /// STARTTLS right after the greeting, before any credential. Afterwards the capabilities are asked for again:
    /// the list sent in plaintext may have been forged.
    /// </summary>
    private async Task NegotiateStartTlsAsync(bool required, CancellationToken cancellationToken)
    {
        var capabilities = Capabilities.All.Count > 0 ? Capabilities : await CapabilityAsync(cancellationToken).ConfigureAwait(false);
        if (!capabilities.StartTls || State != ImapConnectionState.NotAuthenticated)
        {
            if (required)
            {
                throw new ImapConnectionException(State != ImapConnectionState.NotAuthenticated
                    ? "The server pre-authenticated the connection, so STARTTLS is impossible and the connection stays unencrypted; refusing it as StartTlsRequired demands."
                    : "The server does not offer STARTTLS; refusing to continue unencrypted as StartTlsRequired demands. No credentials were sent.");
            }

            return;
        }

        await StartTlsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Upgrades the connection with STARTTLS and asks for the capabilities again.</summary>
    private async Task StartTlsAsync(CancellationToken cancellationToken)
    {
        var sslOptions = _options.CreateSslOptions(_host ?? "localhost");
        var failure = TlsFailure.Watch(sslOptions);
        try
        {
            await _session.StartTlsAsync(new StartTlsCommand(), (transport, ct) => transport.StartTlsAsync(sslOptions, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.Security.Authentication.AuthenticationException or IOException or SocketException)
        {
            throw failure.Explain("The TLS handshake after STARTTLS failed", ex);
        }

        if (_session.Transport.Tls is { } tls)
        {
            ImapLog.TlsEstablished(_session.Logger, tls.SslProtocol, tls.NegotiatedCipherSuite.ToString());
        }

        await CapabilityAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs IMAP over a stream the caller already connected (and secured, if wanted), and reads the greeting.</summary>
    /// <param name="stream">A connected, readable and writable stream; the connection owns it from now on.</param>
    /// <param name="options">Settings, or null for the defaults.</param>
    /// <param name="cancellationToken">Cancels waiting for the greeting.</param>
    /// <returns>The connection.</returns>
    public static Task<ImapConnection> ConnectAsync(Stream stream, ImapConnectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
#pragma warning disable CA2000 // The transport passes to the connection, whose DisposeAsync disposes it.
        return StartAsync(new ImapTransport(stream), options ?? new ImapConnectionOptions(), cancellationToken);
#pragma warning restore CA2000
    }

    /// <summary>Runs IMAP over a duplex pipe (in-memory transports in tests).</summary>
    internal static Task<ImapConnection> ConnectAsync(
        IDuplexPipe pipe, ImapConnectionOptions? options = null, Func<CancellationToken, Task<IDuplexPipe>>? simulatedStartTls = null,
        CancellationToken cancellationToken = default)
    {
#pragma warning disable CA2000 // The transport passes to the connection, whose DisposeAsync disposes it.
        return StartAsync(new ImapTransport(pipe, simulatedStartTls), options ?? new ImapConnectionOptions(), cancellationToken);
#pragma warning restore CA2000
    }

    /// <summary>STARTTLS over an in-memory pipe whose "handshake" is simulated (tests of the STARTTLS protocol steps).</summary>
    internal Task StartTlsForTestAsync(CancellationToken cancellationToken = default) => StartTlsAsync(cancellationToken);

    private static async Task<ImapConnection> StartAsync(
        ImapTransport transport, ImapConnectionOptions options, CancellationToken cancellationToken, string? host = null, int port = 0)
    {
        // The connection exists before the reader loop starts, so events from the greeting (an ALERT) have a target.
        var connection = new ImapConnection { _host = host, _options = options };
        var server = host is null ? null : $"{host}:{port}";
        var (session, greeting) = await ImapSession.StartAsync(transport, options, connection, cancellationToken, server).ConfigureAwait(false);
        connection._session = session;
        connection.Greeting = greeting;
        if (transport.Tls is { } tls)
        {
            ImapLog.TlsEstablished(session.Logger, tls.SslProtocol, tls.NegotiatedCipherSuite.ToString());
        }

        session.HandlerFailed += connection.OnHandlerFailed;
        return connection;
    }

    private static async ValueTask DisposeQuietlyAsync(Stream? stream)
    {
        if (stream is not null)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
