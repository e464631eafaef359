using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ImapClient.Tests.Docs;

/// <summary>Where a documented example connects when a test runs it: a test server instead of imap.example.org.</summary>
internal sealed record ExampleServer(
    string Host, int Port, int TlsPort, string CertificateHash, string User, string Password, string Mailbox);

/// <summary>
/// Runs a C# block of the docs as its reader would, against a test server: the block is compiled as the docs test
/// compiles it (same implied usings and references), with three rewrites and nothing else changed. Every
/// <c>ImapConnection.ConnectAsync(…)</c> goes to the test server on the port for the security mode the block asks for,
/// with options that pin the server's self-signed certificate; every <c>LoginAsync(…)</c> signs in as the test user;
/// the string <c>"INBOX"</c> becomes the test's mailbox. The program runs in this process (in a collectible load
/// context, on the ImapClient these tests are built with), in a working folder of the test's, and what it writes to
/// the console is returned.
/// </summary>
internal static class ExampleRunner
{
    /// <summary>The one C# block of the page that contains <paramref name="marker"/>.</summary>
    public static DocsCodeBlockTests.CodeBlock Block(string page, string marker)
    {
        var blocks = DocsCodeBlockTests.ReadPages().Single(p => p.File == page).Blocks
            .Where(b => b.Language == "csharp" && b.Code.Contains(marker, StringComparison.Ordinal)).ToList();
        Assert.That(blocks, Has.Count.EqualTo(1), $"{page} should have exactly one C# block containing {marker}");
        return blocks[0];
    }

    public static async Task<string> RunAsync(DocsCodeBlockTests.CodeBlock block, ExampleServer server, string workFolder)
    {
        var rewriter = new ToTestServer();
        var tree = CSharpSyntaxTree.ParseText(block.Code, DocsCodeBlockTests.ParseOptions, path: block.ToString());
        var rewritten = tree.WithRootAndOptions(rewriter.Visit(tree.GetRoot()), DocsCodeBlockTests.ParseOptions);
        Assert.That(rewriter.Connects, Is.Positive, $"{block} should connect with ImapConnection.ConnectAsync");
        Assert.That(rewriter.Logins, Is.Positive, $"{block} should sign in with LoginAsync");

        var compilation = CSharpCompilation.Create(
            "DocsExample" + Guid.NewGuid().ToString("N"),
            [
                CSharpSyntaxTree.ParseText(DocsCodeBlockTests.ImpliedUsings, DocsCodeBlockTests.ParseOptions),
                rewritten,
                CSharpSyntaxTree.ParseText(ServerSource(server), DocsCodeBlockTests.ParseOptions),
            ],
            DocsCodeBlockTests.References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.That(emitted.Success, Is.True,
            () => $"{block} does not compile after the rewrite:\n  {string.Join("\n  ", emitted.Diagnostics)}\n\n{rewritten}");

        image.Position = 0;
        var context = new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true);
        var console = Console.Out;
        var folder = Environment.CurrentDirectory;
        using var output = new StringWriter();
        try
        {
            // Top-level statements with await compile to Program.<Main>$, which returns the program's Task.
            var main = context.LoadFromStream(image).GetType("Program")!
                .GetMethod("<Main>$", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)!;
            Console.SetOut(output);
            Environment.CurrentDirectory = workFolder;
            await (Task)main.Invoke(null, [Array.Empty<string>()])!;
        }
        finally
        {
            Environment.CurrentDirectory = folder;
            Console.SetOut(console);
            context.Unload();
        }

        return output.ToString();
    }

    private static string ServerSource(ExampleServer server) => $$"""
        internal static class ExampleServer
        {
            public const string Host = {{Literal(server.Host)}};
            public const string User = {{Literal(server.User)}};
            public const string Password = {{Literal(server.Password)}};
            public const string Mailbox = {{Literal(server.Mailbox)}};

            public static int PortFor(ImapSecurity security) => security == ImapSecurity.ImplicitTls ? {{server.TlsPort}} : {{server.Port}};

            public static ImapConnectionOptions Options => new()
            {
                AllowPlaintextAuthentication = true,
                ServerCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && certificate.GetCertHashString() == {{Literal(server.CertificateHash)}},
            };
        }
        """;

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    private sealed class ToTestServer : CSharpSyntaxRewriter
    {
        public int Connects { get; private set; }

        public int Logins { get; private set; }

        public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
        {
            var visited = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
            if (visited.Expression is not MemberAccessExpressionSyntax member)
            {
                return visited;
            }

            var arguments = visited.ArgumentList.Arguments;
            switch (member.Name.Identifier.Text)
            {
                case "ConnectAsync" when member.Expression.ToString() == "ImapConnection" && arguments.Count >= 3:
                    Connects++;
                    var security = arguments[2].Expression;
                    return visited.WithArgumentList(Arguments(
                        "ExampleServer.Host", $"ExampleServer.PortFor({security})", security.ToString(), "ExampleServer.Options"));
                case "LoginAsync" when arguments.Count >= 2:
                    Logins++;
                    return visited.WithArgumentList(Arguments("ExampleServer.User", "ExampleServer.Password"));
                default:
                    return visited;
            }
        }

        public override SyntaxNode? VisitLiteralExpression(LiteralExpressionSyntax node) =>
            node.IsKind(SyntaxKind.StringLiteralExpression) && node.Token.ValueText == "INBOX"
                ? ParseExpression("ExampleServer.Mailbox").WithTriviaFrom(node)
                : base.VisitLiteralExpression(node);

        private static ArgumentListSyntax Arguments(params string[] expressions) =>
            ArgumentList(SeparatedList(expressions.Select(e => Argument(ParseExpression(e)))));
    }
}
