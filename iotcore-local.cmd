@echo off
rem Starts iotcore-local on Windows: builds broker\target\iotcore-local.jar first when it is
rem missing or older than anything it is built from, then runs it with every argument passed through.
setlocal
set "ROOT=%~dp0"
set "JAR=%ROOT%broker\target\iotcore-local.jar"

if defined JAVA_HOME (
  set "JAVA=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA=java"
)
"%JAVA%" -version >nul 2>&1 || (
  echo iotcore-local: java not found: install a JDK 17 or newer ^(or set JAVA_HOME^) 1>&2
  exit /b 2
)

rem Stale when the jar is missing or any pom, broker\src\main or config file is newer than it.
powershell -NoProfile -Command ^
  "$jar = Get-Item -LiteralPath $env:JAR -ErrorAction SilentlyContinue;" ^
  "if (-not $jar) { exit 1 };" ^
  "$src = @(Get-Item -LiteralPath ($env:ROOT + 'pom.xml'), ($env:ROOT + 'broker\pom.xml')) + @(Get-ChildItem -Recurse -File -LiteralPath ($env:ROOT + 'broker\src\main'), ($env:ROOT + 'config'));" ^
  "if ($src | Where-Object { $_.LastWriteTime -gt $jar.LastWriteTime }) { exit 1 } else { exit 0 }"
if errorlevel 1 (
  where mvn >nul 2>&1 || (
    echo iotcore-local: mvn not found: install Maven 3.8+ to build iotcore-local ^(needed on the first start and after the sources change^) 1>&2
    exit /b 2
  )
  echo Building iotcore-local ^(first start or sources changed^)... 1>&2
  pushd "%ROOT%"
  call mvn -B -q -pl broker -am package -DskipTests
  if errorlevel 1 (
    popd
    echo iotcore-local: the build failed ^(see above^); nothing was started 1>&2
    exit /b 2
  )
  popd
)

"%JAVA%" -XX:+UseSerialGC -jar "%JAR%" %*
exit /b %ERRORLEVEL%
