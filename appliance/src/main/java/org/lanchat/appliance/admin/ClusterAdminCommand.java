package org.lanchat.appliance.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import org.lanchat.appliance.cluster.ClusterStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lanchat-admin cluster ...}: the appliances that serve one chat together, as the local member sees them. */
@Command(name = "cluster", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Shows the cluster this appliance is a member of (started with --cluster).")
public final class ClusterAdminCommand {
    private final ToolContext context;

    @Spec
    private CommandSpec spec;

    public ClusterAdminCommand(ToolContext context) {
        this.context = context;
    }

    @Command(name = "status", description = {"Lists the members this appliance hears from, with their connections and users.",
        "Shows the state of the NATS bus and of the shared database."})
    int status() throws IOException {
        Optional<AdminReply> reply = AdminClient.send(ControlSocket.path(context.environment(), context.settings().dataDir()),
                new AdminRequest.ClusterStatus());
        if (reply.isEmpty()) {
            return fail("the appliance is not running: start it (systemctl start lanchat-appliance where it is installed as a service)");
        }
        if (!(reply.get() instanceof AdminReply.Cluster cluster)) {
            return fail(reply.get() instanceof AdminReply.Failed failed ? failed.message()
                    : "unexpected answer from the appliance: " + reply.get());
        }
        ClusterStatus status = cluster.status();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Cluster %s: %d members%n", status.clusterId(), status.members().size());
        out.printf("Code:     %s (the cluster's certificate, which every member presents; colleagues compare this one)%n",
                status.shortCode());
        out.printf("Bus:      %s (%s)%s%s%n", status.bus(), status.busServer(),
                status.publishFailures() > 0 ? ", " + status.publishFailures() + " events not published" : "",
                status.refusedEvents() > 0 ? ", " + status.refusedEvents() + " events from outside the cluster dropped" : "");
        out.printf("Database: %s%n", cluster.database());
        out.printf("Delivery: up to message %d; %d read from the database because the bus had not brought them%n",
                status.lastDelivered(), status.filledFromDatabase());
        out.println();
        out.printf("%-18s %-32s %-28s %11s %6s %s%n", "MEMBER", "NAME", "CLIENTS CONNECT TO", "CONNECTIONS", "USERS", "HEARD");
        for (ClusterStatus.Member member : status.members()) {
            out.printf("%-18s %-32s %-28s %11d %6d %s%n", member.memberId(), member.name(), member.address(),
                    member.connections(), member.users(),
                    member.self() ? "(this one)" : String.format("%.1f s ago", member.lastHeardMillis() / 1000.0));
        }
        out.flush();
        return 0;
    }

    private int fail(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("lanchat-admin: " + message);
        err.flush();
        return AdminCommand.FAILED;
    }
}
