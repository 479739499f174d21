#!/bin/sh
# The desktop client's launch time (docs/PERFORMANCE.md, "Start-up"):
#
#   bench/client-start.sh [starts]           the client's jars on this JDK, without and with an AOT cache
#   bench/client-start.sh [starts] --image   the app image the installer module built, as shipped
#
# Starts the app the way the launchers do (their JVM options, JavaFX as modules, the client's jars on the class
# path) on a virtual X display, with --no-discovery (nothing is sent onto the LAN) and a fresh data directory, and
# times each launch to its first window: the primary stage viewable on the display (xwininfo). Then it records the
# JDK's AOT cache in one training launch (JDK 25 and newer) and alternates launches without and with it. With
# --image it starts installer/target/desktop/image/lanchat/bin/lanchat instead (mvn -pl installer -am package),
# alternating a first launch (a new home: no start-up archive yet, the JVM writes it as the app exits) with a later
# one (a home whose archive an earlier launch wrote), and times the start page too (the sign-in page or the list
# of appliances, once the client's services are open: its log line). Prints every launch, the CPU time the app
# had used when its window appeared, and the medians. Needs Xvfb, GTK 3 and xwininfo (Debian: apt-get install xvfb libgtk-3-0
# x11-utils), and JDK 21+ as java or in JAVA_HOME.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
starts=${1:-5}
cd "$root"
if [ "${2:-}" = --image ]; then
    exec lan-client/src/build/with-xvfb.sh bench/client-image-start.sh "$starts" "$root/installer/target/desktop/image/lanchat"
fi
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
    JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
    export JAVA_HOME
fi
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jar=$(ls lan-client/target/lanchat-client-*.jar 2> /dev/null | head -n 1 || true)
if [ -z "$jar" ]; then
    mvn -q -B -pl lan-client -am install -DskipTests -DskipITs
    jar=$(ls lan-client/target/lanchat-client-*.jar | head -n 1)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
mvn -q -B -pl lan-client dependency:build-classpath -Dmdep.outputFile="$work/classpath"
modules=$(tr ':' '\n' < "$work/classpath" | grep 'javafx-.*-linux\.jar$' | paste -sd: -)
classpath=$jar:$(tr ':' '\n' < "$work/classpath" | grep -v '/javafx-' | paste -sd: -)
# The launchers' options: lanchat.client.jvmOptions in the parent POM.
options=$(sed -n 's:.*<lanchat.client.jvmOptions>\(.*\)</lanchat.client.jvmOptions>.*:\1:p' pom.xml)

cat > "$work/launch" << EOF
#!/bin/sh
# One launch: prints the milliseconds from starting the JVM to the window being viewable, then stops the app.
start=\$(date +%s%N)
# shellcheck disable=SC2086
"$java" $options "\$@" --module-path "$modules" --add-modules javafx.controls --enable-native-access=javafx.graphics \
    -cp "$classpath" org.lanchat.client.view.LanChatApp --no-discovery --data-dir="$work/data" > "$work/client.log" 2>&1 &
app=\$!
shown=
while kill -0 \$app 2> /dev/null && [ \$(( (\$(date +%s%N) - start) / 1000000000 )) -lt 60 ]; do
    if xwininfo -name "LAN Chat" 2> /dev/null | grep -q IsViewable; then
        shown=\$(date +%s%N)
        break
    fi
    sleep 0.01
done
# A training launch keeps the app open while it opens its services, so the cache holds those classes too.
sleep "\${HOLD:-1}"
kill \$app 2> /dev/null || true
wait \$app 2> /dev/null || true
if [ -z "\$shown" ]; then
    echo "no window within 60 s; the client's log:" >&2
    tail -n 20 "$work/client.log" >&2
    exit 1
fi
echo \$(( (shown - start) / 1000000 ))
EOF
chmod +x "$work/launch"

cat > "$work/measure" << EOF
#!/bin/sh
set -eu
median() { sort -n | awk '{ v[NR] = \$1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
feature=\$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
aot=no
if [ "\$feature" -ge 25 ]; then
    HOLD=6 "$work/launch" -XX:AOTCacheOutput="$work/client.aot" > /dev/null
    # The cache is written by a second JVM after the training launch exits.
    for _ in \$(seq 1 120); do [ -s "$work/client.aot" ] && [ ! -e "$work/client.aot.config" ] && break; sleep 1; done
    [ -s "$work/client.aot" ] && aot=yes
fi
i=1
while [ \$i -le $starts ]; do
    plain=\$("$work/launch")
    echo "\$plain" >> "$work/plain"
    line="launch \$i: first window after \$plain ms"
    if [ \$aot = yes ]; then
        cached=\$("$work/launch" -XX:AOTCache="$work/client.aot")
        echo "\$cached" >> "$work/cached"
        line="\$line, with the AOT cache \$cached ms"
    fi
    echo "\$line"
    i=\$((i + 1))
done
echo "median of $starts: \$(median < "$work/plain") ms without, \$( [ \$aot = yes ] && median < "$work/cached" || echo n/a) ms with the AOT cache"
EOF
chmod +x "$work/measure"
lan-client/src/build/with-xvfb.sh "$work/measure"
