using ImapClient.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ImapClient.Tests.Architecture;

/// <summary>
/// An enum member is given its IMAP wire name in one place (docs/architecture.md: one table per enum, in the lowest
/// layer that needs it), so an encoder and a parser cannot drift apart. The test reads the library's sources and
/// finds every mapping of an enum member to a string literal: a tuple <c>(SystemFlags.Seen, "\\Seen")</c> in a table,
/// or a switch arm <c>SystemFlags.Seen =&gt; "\\Seen"u8</c>.
/// </summary>
public class WireNameTableTests
{
    [Test]
    public void Each_enum_member_is_given_its_wire_name_in_one_place()
    {
        var places = new Dictionary<string, List<string>>();
        var root = Path.Combine(RepositoryRoot.Find(), "src", "ImapClient");
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file));
            var relative = Path.GetRelativePath(root, file);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                var (member, literal) = node switch
                {
                    TupleExpressionSyntax { Arguments: [var first, var second] } => (first.Expression, second.Expression),
                    SwitchExpressionArmSyntax { Pattern: ConstantPatternSyntax constant } arm => (constant.Expression, arm.Expression),
                    _ => (null, null),
                };
                if (member is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax type } access
                    && literal is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression or (int)SyntaxKind.Utf8StringLiteralExpression })
                {
                    var key = $"{type.Identifier.Text}.{access.Name.Identifier.Text}";
                    var line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    if (!places.TryGetValue(key, out var list))
                    {
                        places[key] = list = [];
                    }

                    list.Add($"{relative}:{line}");
                }
            }
        }

        var twice = places.Where(p => p.Value.Count > 1).Select(p => $"{p.Key} at {string.Join(", ", p.Value)}").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(places.Keys, Has.Member("SystemFlags.Seen").And.Member("StatusItems.Messages").And.Member("MailboxAttributes.NoSelect"),
                "The scan found none of the known tables: it no longer sees what it checks.");
            Assert.That(twice, Is.Empty, "An enum member is given its wire name in more than one place; keep one table:\n  "
                + string.Join("\n  ", twice));
        });
    }
}
